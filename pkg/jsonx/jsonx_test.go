package jsonx

import (
	"bytes"
	"encoding/json"
	"testing"
)

// marshal is what encoding/json writes for v, with HTML escaping off.
func marshal(t testing.TB, v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return string(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

func TestString(t *testing.T) {
	for _, s := range []string{
		"", "plain text of some length, past eight bytes", `say "no" \ back`, "tab\tnew\nline\r\b\f\x00\x01\x1f\x7f",
		"<a href='x'>&amp;</a>", "Müller, 北京, emoji 🙂", "bad \xff\xfe utf-8 \xe2\x82", "line\u2028sep\u2029para",
		"0123456\"", "01234567\\89abcdef\x10",
	} {
		if got, want := string(String(nil, s)), marshal(t, s); got != want {
			t.Errorf("String(%q) = %s, want %s", s, got, want)
		}
	}
}

func FuzzString(f *testing.F) {
	for _, s := range []string{"", "abc", "a\"b\\c\x00\u2028\xff", "0123456789abcdef<>&"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(String(nil, s)), marshal(t, s); got != want {
			t.Errorf("String(%q) = %s, want %s", s, got, want)
		}
	})
}

func TestValues(t *testing.T) {
	n, s := 42, "x\"y"
	b := append(Field([]byte{'{'}, "a"), '1')
	b = IntPtr(Field(b, "p"), &n)
	b = IntPtr(Field(b, "q"), nil)
	b = StringPtr(Field(b, "r"), &s)
	b = StringPtr(Field(b, "s"), nil)
	b = Bool(Field(b, "t"), true)
	b = append(Int(Field(b, "u"), -7), '}')
	want := marshal(t, map[string]any{"a": 1, "p": 42, "q": nil, "r": s, "s": nil, "t": true, "u": -7})
	if string(b) != want {
		t.Errorf("%s, want %s", b, want)
	}
}
