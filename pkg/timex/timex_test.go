package timex

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/sanc-news/sanc/pkg/segment"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

type want struct {
	text, typ, value, mod string
}

func TestExtract(t *testing.T) {
	cases := []struct {
		name string
		dct  string // "" = unknown
		text string
		want []want
	}{
		{"month day", "2016-03-17", "The new penalties come after a Jan. 6 nuclear test.",
			[]want{{"Jan. 6", "date", "2016-01-06", ""}}},
		{"month year granularity", "2016-03-17", "In January 2015, Obama penalized three organizations.",
			[]want{{"January 2015", "date", "2015-01", ""}}},
		{"full date", "2020-01-01", "It was signed on March 5, 2013, in Geneva.",
			[]want{{"March 5, 2013", "date", "2013-03-05", ""}}},
		{"day month year", "2020-01-01", "Talks opened on 6 January 2015 in Vienna.",
			[]want{{"6 January 2015", "date", "2015-01-06", ""}}},
		{"iso", "", "The order dated 2015-01-06 was revoked.",
			[]want{{"2015-01-06", "date", "2015-01-06", ""}}},
		{"by month year", "2020-12-02", "Workers must be sent home by December 2019.",
			[]want{{"December 2019", "date", "2019-12", ""}}},
		{"weekday past tense", "2017-10-27", "The Treasury announced on Thursday that it had frozen assets.",
			[]want{{"Thursday", "date", "2017-10-26", ""}}},
		{"weekday is doc day", "2017-10-27", "Mattis said on Friday that the US was committed.",
			[]want{{"Friday", "date", "2017-10-27", ""}}},
		{"weekday future tense", "2017-10-27", "The envoy will travel to Seoul on Tuesday.",
			[]want{{"Tuesday", "date", "2017-10-31", ""}}},
		{"weekday before date and colon", "1998-04-24", "The paper said in an editorial on Saturday, April 25: the court erred.",
			[]want{{"Saturday, April 25", "date", "1998-04-25", ""}}},
		{"until weekday", "2000-04-03", "The agency has given the relatives until 9 a.m. Tuesday to sign.",
			[]want{{"9 a.m. Tuesday", "time", "2000-04-04T09:00", ""}}},
		{"fronted until looks back", "1999-05-07", "Until Thursday, they had not called him a suspect.",
			[]want{{"Thursday", "date", "1999-05-06", ""}}},
		{"plan now past", "1989-10-30", "It had been scheduled to expire Friday.",
			[]want{{"Friday", "date", "1989-10-27", ""}}},
		{"set to", "1998-03-22", "The peace process is set to resume Monday in Belfast.",
			[]want{{"Monday", "date", "1998-03-23", ""}}},
		{"weekday genitive", "2000-01-07", "They would look for ways to get around Wednesday's ruling.",
			[]want{{"Wednesday", "date", "2000-01-05", ""}}},
		{"past verb keeps month behind", "1989-10-30", "Since KKR bought RJR in February for $25 billion, it has sold assets.",
			[]want{{"February", "date", "1989-02", ""}}},
		{"half units", "1998-02-27", "He served 2 1/2 years in prison.",
			[]want{{"2 1/2 years", "duration", "P2Y6M", ""}}},
		{"more units", "2000-06-01", "The boy will stay for at least two more weeks.",
			[]want{{"two more weeks", "duration", "P2W", ""}}},
		{"couple of years", "1989-10-26", "Over the next couple of years we will not grow.",
			[]want{{"the next couple of years", "duration", "P2Y", ""}}},
		{"spelled decade", "1998-03-03", "Numbers kept dropping through the nineties.",
			[]want{{"the nineties", "date", "199", ""}}},
		{"year-ago ordinal quarter", "1989-10-30", "Profit fell from the year-ago third quarter.",
			[]want{{"the year-ago third quarter", "date", "1988-Q3", ""}}},
		{"next year's quarter", "1989-10-31", "Sales should recover in next year's first quarter.",
			[]want{{"next year's first quarter", "date", "1990-Q1", ""}}},
		{"coordinated days", "1999-02-10", "A summit will be held on April 24 and 25 in Washington.",
			[]want{{"April 24", "date", "1999-04-24", ""}, {"25", "date", "1999-04-25", ""}}},
		{"mid part of day", "1989-11-02", "Shares fell in mid-afternoon yesterday.",
			[]want{{"mid-afternoon yesterday", "time", "1989-11-01TAF", "MID"}}},
		{"last weekday", "2017-10-27", "He spoke last Friday.",
			[]want{{"last Friday", "date", "2017-10-20", ""}}},
		{"next month", "2017-10-27", "Trump visits China next month.",
			[]want{{"next month", "date", "2017-11", ""}}},
		{"last month", "2013-02-14", "The council sought to condemn Pyongyang last month.",
			[]want{{"last month", "date", "2013-01", ""}}},
		{"last week iso", "2013-03-15", "Sanctions were tightened last week.",
			[]want{{"last week", "date", "2013-W10", ""}}},
		{"last year", "2023-06-20", "Xi met Biden last year.",
			[]want{{"last year", "date", "2022", ""}}},
		{"this year month", "2020-12-02", "A parade in October of this year showed the missile.",
			[]want{{"October of this year", "date", "2020-10", ""}}},
		{"since year", "2020-12-02", "Since 2019, vessels have shared information.",
			[]want{{"2019", "date", "2019", ""}}},
		{"end of year modifier", "2020-12-02", "Tests continued until the end of 2017.",
			[]want{{"the end of 2017", "date", "2017", "END"}}},
		{"early next year", "2020-12-02", "The talks resume early next year.",
			[]want{{"early next year", "date", "2021", "START"}}},
		{"duration", "2016-03-17", "He was sentenced to 15 years of hard labor.",
			[]want{{"15 years", "duration", "P15Y", ""}}},
		{"duration words", "2023-06-20", "During his two days in Beijing he met Xi.",
			[]want{{"two days", "duration", "P2D", ""}}},
		{"past year duration", "2020-12-02", "In the past year they observed 555 cases.",
			[]want{{"the past year", "duration", "P1Y", ""}}},
		{"hyphen duration", "", "It agreed a five-year plan.",
			[]want{{"five-year", "duration", "P5Y", ""}}},
		{"now", "2020-12-02", "The regime is now testing missiles.",
			[]want{{"now", "date", "PRESENT_REF", ""}}},
		{"set", "", "Exercises are held each winter.",
			[]want{{"each winter", "set", "XXXX-WI", ""}}},
		{"ago", "2013-03-15", "The test took place three years ago.",
			[]want{{"three years ago", "date", "2010", ""}}},
		{"quoted future not past from said", "2000-04-05", "\"We will hold a final vote on the whole bill after lunch on Thursday,\" the senator said.",
			[]want{{"Thursday", "date", "2000-04-06", ""}}},
		{"quoted future wire quotes", "2000-04-05", "``We will hold a final vote on the whole bill after lunch on Thursday,'' the senator said.",
			[]want{{"Thursday", "date", "2000-04-06", ""}}},
		{"said outside quote still past", "2000-04-05", "The senator said Thursday that \"we will vote\".",
			[]want{{"Thursday", "date", "2000-03-30", ""}}},
		{"or so ago", "1991-02-25", "The talks collapsed a week or so ago.",
			[]want{{"a week or so ago", "date", "1991-W08", ""}}},
		{"discourse now", "2020-12-02", "Now, the critics say, the plan has failed. Now the plan is dead.",
			[]want{{"Now", "date", "PRESENT_REF", ""}}},
		{"fronted month far verb", "1998-10-25", "In January, shortly after the anniversary of the founding of the small town's oldest public library, a fire in its basement destroyed the archive.",
			[]want{{"January", "date", "1998-01", ""}}},
		{"month named again", "1998-12-05", "The three are expected to join in April. They can also take part in planning for the summit in April.",
			[]want{{"April", "date", "1999-04", ""}, {"April", "date", "1999-04", ""}}},
		{"fiscal quarter ended", "1989-10-30", "In the quarter ended July 31, the company had 5.6 million shares outstanding. In the quarter ended Sept. 30, it lost money.",
			[]want{{"the quarter", "date", "1989-Q2", ""}, {"July 31", "date", "1989-07-31", ""}, {"the quarter", "date", "1989-Q3", ""}, {"Sept. 30", "date", "1989-09-30", ""}}},
		{"weekday nights set", "1998-02-13", "Flights leave on Monday and Tuesday nights. The club meets Friday evenings. He left Friday night.",
			[]want{{"Monday", "set", "XXXX-WXX-1TNI", ""}, {"Tuesday nights", "set", "XXXX-WXX-2TNI", ""}, {"Friday evenings", "set", "XXXX-WXX-5TEV", ""}, {"Friday night", "time", "1998-02-13TNI", ""}}},
		{"generic that day", "1989-10-27", "Sales rose in 1988. When a bad news item hits, funds see strong redemptions that day.",
			[]want{{"1988", "date", "1988", ""}}},
		{"that same day kept", "1989-10-27", "When a bad news item hits, funds see strong redemptions that same day.",
			[]want{{"that same day", "date", "1989-10-27", ""}}},
		{"month as modifier", "1999-02-10", "The official said the March accession would let them sign. The May government fell. Mussolini led the March on Rome.",
			[]want{{"March", "date", "1999-03", ""}}},
		{"anaphora later", "2020-01-01", "The ship sailed on May 3, 2019. Two days later it was seized.",
			[]want{{"May 3, 2019", "date", "2019-05-03", ""}, {"Two days later", "date", "2019-05-05", ""}}},
		{"anaphora next day", "2020-01-01", "Talks began on March 5, 2018. The next day they collapsed.",
			[]want{{"March 5, 2018", "date", "2018-03-05", ""}, {"The next day", "date", "2018-03-06", ""}}},
		{"narrative month", "2009-12-19", "It fought wars in 1866, 1870, 1914, 1918 and 1938. Germany invaded Poland in September 1939. In October, Warsaw fell.",
			[]want{{"1866", "date", "1866", ""}, {"1870", "date", "1870", ""}, {"1914", "date", "1914", ""}, {"1918", "date", "1918", ""}, {"1938", "date", "1938", ""},
				{"September 1939", "date", "1939-09", ""}, {"October", "date", "1939-10", ""}}},
		{"quarter", "1989-10-26", "Profit rose in the third quarter.",
			[]want{{"the third quarter", "date", "1989-Q3", ""}}},
		{"clock time", "1998-02-13", "The vote is at 10 p.m. Wednesday.",
			[]want{{"10 p.m. Wednesday", "time", "1998-02-11T22:00", ""}}},
		{"yesterday", "1998-01-08", "Stocks fell yesterday.",
			[]want{{"yesterday", "date", "1998-01-07", ""}}},
		{"decade", "", "Sanctions date from the 1990s.",
			[]want{{"the 1990s", "date", "199", ""}}},
		{"weekday with date", "2020-12-02", "She responded on Wednesday (Dec. 2).",
			[]want{{"Wednesday", "date", "2020-12-02", ""}, {"Dec. 2", "date", "2020-12-02", ""}}},
		{"approximate date", "1989-10-30", "The bid expires around Nov. 1.",
			[]want{{"around Nov. 1", "date", "1989-11-01", "APPROX"}}},
		{"spelled approximate", "", "It lasted less than seven years.",
			[]want{{"less than seven years", "duration", "P7Y", "LESS_THAN"}}},
		// No false dates from plain numbers.
		{"no false positives", "2020-12-02",
			"Three ships, 100M in cash, six of 629 vessels, 555 cases, 46 occasions, $3 billion, a 6.1 earthquake, 2000 troops and $2015 were seen.",
			nil},
		{"may the verb", "2020-12-02", "China may impose sanctions. He may March on.", nil},
		{"headline furniture", "2020-12-02", "Recent Comments\n\nTrending Now", nil},
		{"as soon as", "2020-12-02", "Start discussions as soon as possible.", nil},
		{"ages are not durations", "2000-01-06", "The 6-year-old boy, five years old, left.", nil},
		{"holiday", "1999-11-20", "Families will gather on Thanksgiving Day.",
			[]want{{"Thanksgiving Day", "date", "1999-11-25", ""}}},
		{"holiday with year", "", "The offensive began at Easter 1916.",
			[]want{{"Easter 1916", "date", "1916-04-23", ""}}},
		{"bc year", "", "Carthage was founded before 814 BC and fell in 146 BC.",
			[]want{{"814 BC", "date", "BC0814", ""}, {"146 BC", "date", "BC0146", ""}}},
		{"coordinated months", "2009-12-19", "Battles raged in August and September 1914.",
			[]want{{"August", "date", "1914-08", ""}, {"September 1914", "date", "1914-09", ""}}},
		{"quarter duration", "", "Profits fell for three quarters.",
			[]want{{"three quarters", "duration", "P9M", ""}}},
		{"were planning to is future", "2000-01-07", "Marchers held a vigil on Saturday and were planning to rally again.",
			[]want{{"Saturday", "date", "2000-01-08", ""}}},
		{"irregular past verb", "1989-10-27", "In January, the club brought back its old coach.",
			[]want{{"January", "date", "1989-01", ""}}},
		{"since looks back", "1999-05-06", "Police have hunted him since the Nov. 12 robbery.",
			[]want{{"Nov. 12", "date", "1998-11-12", ""}}},
		{"previous weekday from narrative day", "1989-10-30", "On Friday, Oct. 27, trading was thin. Shares closed lower than on the previous Friday.",
			[]want{{"Friday, Oct. 27", "date", "1989-10-27", ""}, {"the previous Friday", "date", "1989-10-20", ""}}},
		{"season of spelled year", "1998-02-23", "Prices were this low in the winter of nineteen ninety-two.",
			[]want{{"the winter of nineteen ninety-two", "date", "1992-WI", ""}}},
		{"and a half", "", "The engine stalled for an hour and a half.",
			[]want{{"an hour and a half", "duration", "PT1H30M", ""}}},
		{"fraction is no quarter", "", "The firm sells nearly three-quarters of its output abroad and a quarter of it at home.",
			nil},
		{"quarters of time", "", "It posted several quarters of losses.",
			[]want{{"several quarters", "duration", "PXM", ""}}},
		{"a second as ordinal", "", "A second bidder joined for a second term.",
			nil},
		{"the near term", "", "Margins will stay thin in the near term and over the long term.",
			[]want{{"the near term", "date", "FUTURE_REF", ""}, {"the long term", "date", "FUTURE_REF", ""}}},
		{"half of a year", "", "Sales rose in the second half of 1989 and the latter half of 1990.",
			[]want{{"the second half of 1989", "date", "1989-H2", ""}, {"the latter half of 1990", "date", "1990-H2", ""}}},
		{"first two quarters of a year", "", "Output will rise through the first two quarters of 1991.",
			[]want{{"the first two quarters of 1991", "date", "1991-H1", ""}}},
		{"programme title", "1990-08-13", `The senator told CBS's "This Week In Politics" that talks stalled.`,
			nil},
		{"weekday before date without comma", "1989-10-27", "The fund shrank by $3 million on Friday Oct. 20 alone.",
			[]want{{"Friday Oct. 20", "date", "1989-10-20", ""}}},
		{"spelled day of month", "1998-03-04", "The rally is on Sunday, March fifteenth, and the vote on May twenty-first.",
			[]want{{"Sunday, March fifteenth", "date", "1998-03-15", ""}, {"May twenty-first", "date", "1998-05-21", ""}}},
		{"trading days", "", "The index fell for eight trading days.",
			[]want{{"eight trading days", "duration", "P8D", ""}}},
		{"year-end", "1989-10-30", "The sale should close by year-end; shares are up 5% since year-end. Year-end results were weak.",
			[]want{{"year-end", "date", "1989", "END"}, {"year-end", "date", "1988", "END"}}},
		{"year's end", "1989-10-30", "The plant will reopen by year's end.",
			[]want{{"year's end", "date", "1989", "END"}}},
		{"distant future auxiliary", "1998-03-04", "Officials will pick a crew from the reserve pool of pilots for the flight in December.",
			[]want{{"December", "date", "1998-12", ""}}},
		{"week of a date", "2000-02-24", "A hearing is set for the week of March 13.",
			[]want{{"the week of March 13", "date", "2000-W11", ""}}},
		{"day before a date", "2000-02-24", "The day before last Monday's vote, he called.",
			[]want{{"The day before last Monday", "date", "2000-02-20", ""}}},
		{"hour in the morning", "2000-04-05", "The plane leaves at 5 in the morning and lands at 11 at night.",
			[]want{{"5 in the morning", "time", "2000-04-05T05:00", ""}, {"11 at night", "time", "2000-04-05T23:00", ""}}},
		{"adjective before modifier year", "1998-02-13", "She recalled her failed 1994 bid but kept the remaining 2000 shares.",
			[]want{{"1994", "date", "1994", ""}}},
		{"these days", "", "These days, few investors care.",
			[]want{{"These days", "date", "PRESENT_REF", ""}}},
		{"the weeks ahead", "", "Prices will rise in the weeks ahead.",
			[]want{{"the weeks ahead", "duration", "PXW", ""}}},
		{"a later date", "", "The vote was put off to a later date.",
			[]want{{"a later date", "date", "FUTURE_REF", ""}}},
		{"the next morning", "2000-02-24", "On Feb. 21 he fell ill. He returned to work the next morning.",
			[]want{{"Feb. 21", "date", "2000-02-21", ""}, {"the next morning", "time", "2000-02-22TMO", ""}}},
		{"march as a name", "2000-01-15", "She led the March of the Living and the March of Dimes.",
			nil},
		{"high noon", "1999-03-12", "It was high noon for the regime.",
			nil},
		{"quarter a year back", "1989-10-26", "Third-quarter profit rose. For the quarter a year earlier, it earned less than in the comparable period last year.",
			[]want{{"Third-quarter", "date", "1989-Q3", ""}, {"the quarter a year earlier", "date", "1988-Q3", ""}, {"the comparable period last year", "date", "1988-Q3", ""}}},
		{"forecast quarter is no anchor", "1989-10-26", "Third-quarter profit fell. Losses may last through the second quarter of 1991. In the year-ago period, it earned more.",
			[]want{{"Third-quarter", "date", "1989-Q3", ""}, {"the second quarter of 1991", "date", "1991-Q2", ""}, {"the year-ago period", "date", "1988-Q3", ""}}},
		{"latest period is the reported quarter", "1989-11-02", "The brewer reported a drop in fiscal fourth-quarter profit. Sales in the latest period rose.",
			[]want{{"fourth-quarter", "date", "1989-Q4", ""}, {"the latest period", "date", "1989-Q4", ""}}},
		{"clock with glued suffix", "1954-05-07", "The shelling stopped at 6:45PM; patrols left by 04:15hrs.",
			[]want{{"6:45PM", "time", "1954-05-07T18:45", ""}, {"04:15hrs", "time", "1954-05-07T04:15", ""}}},
		{"clock time in a history", "2009-12-19", "Riots began in 1843. The revolt spread in 1844. It grew in 1845 and 1846. By 1847 it stalled. Talks ended on 10 May 1848. The next day the rebels yielded at 11 a.m.",
			[]want{{"1843", "date", "1843", ""}, {"1844", "date", "1844", ""}, {"1845", "date", "1845", ""}, {"1846", "date", "1846", ""}, {"1847", "date", "1847", ""},
				{"10 May 1848", "date", "1848-05-10", ""}, {"The next day", "date", "1848-05-11", ""}, {"11 a.m.", "time", "1848-05-11T11:00", ""}}},
		{"this day in a history", "2009-12-19", "Riots began in 1843. The revolt spread in 1844. It grew in 1845 and 1846. By 1847 it stalled. The assault came on 8 June 1848; a colonel called this day a disaster. On 10 June it stopped.",
			[]want{{"1843", "date", "1843", ""}, {"1844", "date", "1844", ""}, {"1845", "date", "1845", ""}, {"1846", "date", "1846", ""}, {"1847", "date", "1847", ""},
				{"8 June 1848", "date", "1848-06-08", ""}, {"this day", "date", "1848-06-08", ""}, {"10 June", "date", "1848-06-10", ""}}},
		{"anaphoric month and season", "2009-12-19", "Riots began in 1843. The revolt spread in 1844. It grew in 1845 and 1846. By 1847 it stalled. In September 1848 they lost what they had taken the previous April. The next spring was quiet.",
			[]want{{"1843", "date", "1843", ""}, {"1844", "date", "1844", ""}, {"1845", "date", "1845", ""}, {"1846", "date", "1846", ""}, {"1847", "date", "1847", ""},
				{"September 1848", "date", "1848-09", ""}, {"the previous April", "date", "1848-04", ""}, {"The next spring", "date", "1849-SP", ""}}},
		{"history before Christ", "2009-12-19", "The siege ran from 310 BC to 305 BC. A fleet sailed in 304 BC. A treaty was signed in 301 BC. The king died in 298 BC. In 295 BC the army crossed in mid-August.",
			[]want{{"310 BC", "date", "BC0310", ""}, {"305 BC", "date", "BC0305", ""}, {"304 BC", "date", "BC0304", ""}, {"301 BC", "date", "BC0301", ""},
				{"298 BC", "date", "BC0298", ""}, {"295 BC", "date", "BC0295", ""}, {"mid-August", "date", "BC0295-08", "MID"}}},
		{"a while", "", "After a while the crowd left, though a while ago it had cheered.",
			[]want{{"a while", "duration", "PXX", ""}}},
		{"present tense schedule", "1998-05-01", "The ministers meet again Monday in Geneva.",
			[]want{{"Monday", "date", "1998-05-04", ""}}},
		{"infinitive keeps outer tense", "1989-10-30", "The talks had been due to resume Friday.",
			[]want{{"Friday", "date", "1989-10-27", ""}}},
		{"the first hours", "", "Casualties were heavy in the first hours of the assault.",
			[]want{{"the first hours", "duration", "PTXH", ""}}},
		{"unit-long adjectives", "", "After a second day-long session the months-long siege went on.",
			[]want{{"day-long", "duration", "P1D", ""}, {"months-long", "duration", "PXM", ""}}},
		{"this moment", "", "At this decisive moment the talks broke down.",
			[]want{{"this decisive moment", "date", "PRESENT_REF", ""}}},
		{"time and day around an aside", "1998-08-08", "The bomb went off at 9:20 a.m. (0620 GMT) Friday.",
			[]want{{"9:20 a.m.", "time", "1998-08-07T09:20", ""}, {"Friday", "date", "1998-08-07", ""}}},
		{"since is background", "2009-12-19", "The siege ran from 310 BC to 305 BC. A fleet sailed in 304 BC. A treaty was signed in 301 BC. The isle had been a colony since 340 BC. The following year the king died.",
			[]want{{"310 BC", "date", "BC0310", ""}, {"305 BC", "date", "BC0305", ""}, {"304 BC", "date", "BC0304", ""}, {"301 BC", "date", "BC0301", ""},
				{"340 BC", "date", "BC0340", ""}, {"The following year", "date", "BC0300", ""}}},
		{"century before Christ", "", "The city was founded in the 8th century BC.",
			[]want{{"the 8th century BC", "date", "BC07", ""}}},
		{"leap day without its year", "2009-12-19", "Unrest stirred in 1842. Riots began in 1843. The revolt spread in 1844. It grew in 1845 and 1846. By 1847 it stalled. On February 29 a truce held.",
			[]want{{"1842", "date", "1842", ""}, {"1843", "date", "1843", ""}, {"1844", "date", "1844", ""}, {"1845", "date", "1845", ""}, {"1846", "date", "1846", ""}, {"1847", "date", "1847", ""},
				{"February 29", "date", "XXXX-02-29", ""}}},
		{"units before, adverbial", "2000-02-24", "The treaty was signed in May 1990. Two years before, talks had failed.",
			[]want{{"May 1990", "date", "1990-05", ""}, {"Two years before", "date", "1988", ""}}},
		{"the next year in a history", "2009-12-19", "Unrest stirred in 1842. Riots began in 1843. The revolt spread in 1844. It grew in 1845 and 1846. By 1847 it stalled. The next year it ended.",
			[]want{{"1842", "date", "1842", ""}, {"1843", "date", "1843", ""}, {"1844", "date", "1844", ""}, {"1845", "date", "1845", ""}, {"1846", "date", "1846", ""},
				{"1847", "date", "1847", ""}, {"The next year", "date", "1848", ""}}},
		{"since as a conjunction", "1999-05-06", "Since he will arrive Monday, the talks wait.",
			[]want{{"Monday", "date", "1999-05-10", ""}}},
		// Without a document date, relative expressions keep their placeholders.
		{"unresolved weekday", "", "The Treasury announced on Thursday that it acted.",
			[]want{{"Thursday", "date", "XXXX-WXX-4", ""}}},
		{"unresolved month", "", "He left last month.",
			[]want{{"last month", "date", "XXXX-XX", ""}}},
		{"unresolved bare month", "", "The parade was in October.",
			[]want{{"October", "date", "XXXX-10", ""}}},
		{"unresolved md", "", "It happened on Feb. 7.",
			[]want{{"Feb. 7", "date", "XXXX-02-07", ""}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var dct time.Time
			if c.dct != "" {
				dct = day(c.dct)
			}
			got := Extract(c.text, segment.Split(c.text), dct)
			var g []want
			for _, x := range got {
				g = append(g, want{x.Text, x.Type, x.Value, x.Mod})
				if c.text[x.Start:x.End] != x.Text {
					t.Errorf("span/text mismatch %+v", x)
				}
			}
			if len(g) != len(c.want) {
				t.Fatalf("got %v, want %v", g, c.want)
			}
			for k := range g {
				if g[k] != c.want[k] {
					t.Errorf("expr %d: got %+v, want %+v", k, g[k], c.want[k])
				}
			}
		})
	}
}

func TestRelativeFlags(t *testing.T) {
	text := "The Treasury announced on Thursday that it had acted in January 2015."
	for _, dct := range []time.Time{{}, day("2017-10-27")} {
		xs := Extract(text, nil, dct)
		if len(xs) != 2 {
			t.Fatalf("got %+v", xs)
		}
		if !xs[0].Relative || xs[0].Unresolved != dct.IsZero() {
			t.Errorf("dct %v: Thursday flags %+v", dct, xs[0])
		}
		if xs[1].Relative || xs[1].Unresolved {
			t.Errorf("absolute date flagged relative: %+v", xs[1])
		}
	}
}

func TestRanges(t *testing.T) {
	for _, c := range []struct{ text, a, b string }{
		{"Between 2006 and the end of 2017, the DPRK conducted six tests.", "2006", "2017"},
		{"The 2009-2010 talks failed.", "2009", "2010"},
		{"The 2009–10 season ended.", "2009", "2010"},
		{"From March 2011 to June 2012 nothing happened.", "2011-03", "2012-06"},
		{"The battle raged on 6-7 January 1916.", "1916-01-06", "1916-01-07"},
		{"The summit runs April 22-25, 2021.", "2021-04-22", "2021-04-25"},
	} {
		xs := Extract(c.text, nil, day("2020-12-02"))
		if len(xs) != 2 || xs[0].RangeWith != 1 || xs[1].RangeWith != 0 || xs[0].Value != c.a || xs[1].Value != c.b {
			t.Errorf("%q: got %+v", c.text, xs)
		}
	}
}

func TestSentenceAndEvent(t *testing.T) {
	text := "Nothing happened. Talks failed on Monday; the envoy left."
	xs := Extract(text, nil, day("2020-12-02"))
	if len(xs) != 1 {
		t.Fatalf("got %+v", xs)
	}
	if got := text[xs[0].Sentence.Start:xs[0].Sentence.End]; got != "Talks failed on Monday; the envoy left." {
		t.Errorf("sentence %q", got)
	}
	if got := text[xs[0].Event.Start:xs[0].Event.End]; got != "Talks failed on Monday" {
		t.Errorf("event %q", got)
	}
	text = "The envoy arrived in Seoul, and talks opened on Friday, which pleased Beijing."
	xs = Extract(text, nil, day("2020-12-02"))
	if len(xs) != 1 || text[xs[0].Event.Start:xs[0].Event.End] != "talks opened on Friday" {
		t.Errorf("event: %+v", xs)
	}
}

// Same input, same output: nothing depends on the clock.
func TestDeterministic(t *testing.T) {
	text := "He left on Thursday and returns next month, two days later than planned."
	a := Extract(text, nil, time.Time{})
	b := Extract(text, nil, time.Time{})
	if len(a) != len(b) {
		t.Fatal("nondeterministic")
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("nondeterministic: %+v vs %+v", a[i], b[i])
		}
	}
}

type seedGold struct {
	File  string `json:"file"`
	Date  string `json:"date"`
	Exprs []struct {
		Start     int    `json:"start"`
		Text      string `json:"text"`
		Type      string `json:"type"`
		Value     string `json:"value"`
		Mod       string `json:"mod"`
		RangeWith int    `json:"range_with"`
	} `json:"exprs"`
	Infer struct {
		Date       string `json:"date"`
		LatestYear int    `json:"latest_year"`
		OK         bool   `json:"ok"`
	} `json:"infer"`
}

// TestSeedsGold checks Extract and InferDocDate against a hand reading of the
// seed articles, each given the publication date judged from its text.
func TestSeedsGold(t *testing.T) {
	b, err := os.ReadFile("testdata/seeds_gold.json")
	if err != nil {
		t.Fatal(err)
	}
	var gold []seedGold
	if err := json.Unmarshal(b, &gold); err != nil {
		t.Fatal(err)
	}
	for _, g := range gold {
		raw, err := os.ReadFile(filepath.Join("../../seeds", g.File))
		if err != nil {
			t.Fatal(err)
		}
		text := string(raw)
		xs := Extract(text, segment.Split(text), day(g.Date))
		if len(xs) != len(g.Exprs) {
			var got []string
			for _, x := range xs {
				got = append(got, x.Text+"="+x.Value)
			}
			t.Errorf("%s: %d expressions, want %d: %v", g.File, len(xs), len(g.Exprs), got)
			continue
		}
		for k, w := range g.Exprs {
			x := xs[k]
			if x.Start != w.Start || x.Text != w.Text || x.Type != w.Type || x.Value != w.Value || x.Mod != w.Mod || x.RangeWith != w.RangeWith {
				t.Errorf("%s: expr %d = %q %s %s %s range=%d, want %q %s %s %s range=%d", g.File, k,
					x.Text, x.Type, x.Value, x.Mod, x.RangeWith, w.Text, w.Type, w.Value, w.Mod, w.RangeWith)
			}
		}
		d, ly, ok, why := InferDocDate(text, nil)
		gotDate := ""
		if ok {
			gotDate = d.Format("2006-01-02")
		}
		if ok != g.Infer.OK || gotDate != g.Infer.Date || ly != g.Infer.LatestYear {
			t.Errorf("%s: InferDocDate = %s %d %v (%s), want %s %d %v", g.File, gotDate, ly, ok, why, g.Infer.Date, g.Infer.LatestYear, g.Infer.OK)
		}
	}
}

func TestInferDocDateForms(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"The ministry spoke on Wednesday, Dec. 2. Sanctions began in 2019.", "2020-12-02"},
		{"Talks were held on Monday (March 4). Earlier, in 2017, and since 2018, nothing.", "2019-03-04"},
	} {
		d, _, ok, why := InferDocDate(c.text, nil)
		if !ok || d.Format("2006-01-02") != c.want {
			t.Errorf("%q: got %v %v (%s), want %s", c.text, d, ok, why, c.want)
		}
	}
	if _, ly, ok, _ := InferDocDate("On Friday (Jan. 5) they met.", nil); ok || ly != 0 {
		t.Errorf("no year in text: want ok=false")
	}
}

func TestInferDocDateSeed003(t *testing.T) {
	raw, err := os.ReadFile("../../seeds/003_4cea6fe4c0c40bc3.txt")
	if err != nil {
		t.Fatal(err)
	}
	d, ly, ok, why := InferDocDate(string(raw), nil)
	if !ok || d.Format("2006-01-02") != "2020-12-02" || ly != 2019 {
		t.Fatalf("got %v %d %v %s", d, ly, ok, why)
	}
}

// TestTruncatedInput: text that stops inside an expression must not panic.
func TestTruncatedInput(t *testing.T) {
	for _, s := range []string{"Profit for fiscal", "Sales rose in the third quarter of", "On Friday they were",
		"The deal closes by year", "It was due on March twenty-", "He left at 4 in the", "the week of", "the day before"} {
		checkInvariants(t, s, Extract(s, nil, day("1989-10-30")))
	}
}

func TestBounds(t *testing.T) {
	cases := []struct{ v, from, to string }{
		{"2017", "2017-01-01", "2018-01-01"},
		{"2015-01", "2015-01-01", "2015-02-01"},
		{"2016-01-06", "2016-01-06", "2016-01-07"},
		{"2016-W05", "2016-02-01", "2016-02-08"},
		{"2013-W11", "2013-03-11", "2013-03-18"},
		{"2017-Q3", "2017-07-01", "2017-10-01"},
		{"2017-H2", "2017-07-01", "2018-01-01"},
		{"199", "1990-01-01", "2000-01-01"},
		{"19", "1900-01-01", "2000-01-01"},
		{"2017-WI", "2017-12-01", "2018-03-01"},
	}
	for _, c := range cases {
		f, to, ok := Bounds(c.v)
		if !ok || f.Format("2006-01-02") != c.from || to.Format("2006-01-02") != c.to {
			t.Errorf("Bounds(%q) = %v %v %v", c.v, f, to, ok)
		}
	}
	for _, v := range []string{"P5Y", "PRESENT_REF", "XXXX-WI", "XXXX-XX-XX", "2016-13", "2016-02-30", "", "abc", "PT2H"} {
		if _, _, ok := Bounds(v); ok {
			t.Errorf("Bounds(%q) ok", v)
		}
	}
	if f, to, ok := Bounds("2025-01-22T03:02:40"); !ok || to.Sub(f) != time.Second || f.Hour() != 3 {
		t.Errorf("time bounds %v %v %v", f, to, ok)
	}
}

func FuzzBounds(f *testing.F) {
	for _, s := range []string{"2017", "2016-W05", "2015-01", "2016-01-06T10:00", "199", "2017-Q3", "XXXX", "P1Y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		from, to, ok := Bounds(s)
		if ok && !from.Before(to) {
			t.Fatalf("Bounds(%q): empty range %v %v", s, from, to)
		}
	})
}

func checkInvariants(t *testing.T, text string, xs []Expr) {
	t.Helper()
	for i, x := range xs {
		if x.Start < 0 || x.End > len(text) || x.Start >= x.End || text[x.Start:x.End] != x.Text {
			t.Fatalf("bad span %+v", x)
		}
		if i > 0 && xs[i-1].Start > x.Start {
			t.Fatalf("not sorted")
		}
		if x.RangeWith != -1 && (x.RangeWith < 0 || x.RangeWith >= len(xs) || x.RangeWith == i || xs[x.RangeWith].RangeWith != i) {
			t.Fatalf("bad RangeWith %+v", x)
		}
		switch x.Type {
		case "date", "time", "duration", "set":
		default:
			t.Fatalf("bad type %+v", x)
		}
		if x.Value == "" {
			t.Fatalf("empty value %+v", x)
		}
	}
	if !sort.SliceIsSorted(xs, func(a, b int) bool { return xs[a].Start < xs[b].Start }) {
		t.Fatal("not sorted")
	}
}

func FuzzExtract(f *testing.F) {
	seeds, _ := filepath.Glob("../../seeds/*.txt")
	for _, s := range seeds {
		b, _ := os.ReadFile(s)
		f.Add(string(b), int64(0))
	}
	f.Add("Between 2006 and the end of 2017; on Thursday (Dec. 2) 10 p.m. Wednesday, two days later", int64(1600000000))
	f.Add("Jan. 6 2015-01- 01/22/2025 03:02 a.m. the 1990s '90s mid-", int64(-1))
	f.Fuzz(func(t *testing.T, text string, unix int64) {
		var dct time.Time
		if unix != 0 {
			dct = time.Unix(unix%(1<<36), 0).UTC()
		}
		xs := Extract(text, segment.Split(text), dct)
		checkInvariants(t, text, xs)
		InferDocDate(text, nil)
	})
}

func benchText(b *testing.B) string {
	var sb strings.Builder
	seeds, _ := filepath.Glob("../../seeds/*.txt")
	for _, s := range seeds {
		raw, _ := os.ReadFile(s)
		sb.Write(raw)
		sb.WriteString("\n\n")
	}
	files, _ := filepath.Glob("../../../shared/corpora/reuters21578/*.txt")
	for _, f := range files {
		if sb.Len() > 2<<20 {
			break
		}
		raw, err := os.ReadFile(f)
		if err == nil {
			sb.Write(raw)
			sb.WriteString("\n\n")
		}
	}
	if sb.Len() == 0 {
		b.Skip("no text")
	}
	return sb.String()
}

// BenchmarkExtract measures throughput on the seeds plus ~2 MB of Reuters
// wire copy when the shared corpus is present (sentence splitting excluded).
func BenchmarkExtract(b *testing.B) {
	text := benchText(b)
	paras := segment.Split(text)
	dct := day("1987-03-01")
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Extract(text, paras, dct)
	}
}
