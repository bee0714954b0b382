package grams

import (
	"regexp"
	"strings"
	"testing"
)

func TestRequiredAndMayContain(t *testing.T) {
	text := "The U.S. Treasury Secretary said on Friday that\nsanctions on Pyongyang would stay."
	sig := Signature(text)
	tests := []struct {
		pattern string
		may     bool
	}{
		{"Treasury Secretary", true},
		{"(?i)treasury secretary", true},
		{"treasury", true}, // the signature is case-folded: the search decides
		{"Pyongyang would", true},
		{"Beijing", false},
		{"Secretary of State", false},
		{"(?i)kelvin", false},
		{"Fri(day|ends)", true},
		{"a.b", true}, // no literal run of three bytes: no handle
	}
	for _, tt := range tests {
		if got := MayContain(sig, Required(tt.pattern)); got != tt.may {
			t.Errorf("%q: MayContain = %v, want %v", tt.pattern, got, tt.may)
		}
	}
}

// Never a false "no": wherever the regexp matches the text, the signature
// must let it through.
func TestNoFalseNegatives(t *testing.T) {
	texts := []string{
		"Geng Shuang said China opposes unilateral sanctions.",
		"The \u212aelvin scale and the ſtate of things.",
		"Ramírez met MÜLLER in Zürich on 2 Dec.",
		"tabs\tand\nnew lines   split words",
	}
	patterns := []string{"(?i)kelvin", "(?i)state", "Ramírez", "(?i)zürich", "MÜLLER", "(?i)GENG SHUANG", "and new", "split words", "on 2 Dec", "Zürich on"}
	for _, text := range texts {
		sig := Signature(text)
		for _, p := range patterns {
			if regexp.MustCompile(p).MatchString(text) && !MayContain(sig, Required(p)) {
				t.Errorf("%q matches %q but the signature says no", p, text)
			}
		}
	}
}

func TestSignatureSize(t *testing.T) {
	if n := len(Signature("short")); n != 32 {
		t.Errorf("short text: %d bytes, want 32", n)
	}
	if n := len(Signature(strings.Repeat("x", 5000))); n != 8192/8 {
		t.Errorf("5000 bytes: %d-byte signature, want 1024", n)
	}
}

func FuzzSignature(f *testing.F) {
	f.Add("Treasury Secretary Baker said", "Secretary")
	f.Fuzz(func(t *testing.T, text, pattern string) {
		re, err := regexp.Compile(pattern)
		if err != nil {
			return
		}
		if re.MatchString(text) && !MayContain(Signature(text), Required(pattern)) {
			t.Errorf("%q matches %q but the signature says no", pattern, text)
		}
	})
}

func BenchmarkSignature(b *testing.B) {
	text := strings.Repeat("The U.S. Treasury Secretary said on Friday that sanctions would stay. ", 15)
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		Signature(text)
	}
}
