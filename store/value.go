package store

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/claimcheck/claimcheck/extract"
)

// decodeValue reads a stored claim value. Values are flat objects of plain
// strings and numbers written by json.Marshal; reading them directly is
// about five times faster than encoding/json, which matters when a
// reconciliation reads a million claims. Anything else (an escaped string,
// an unknown field) goes to encoding/json.
func decodeValue(s string, v *extract.Value) error {
	if !decodeFlatValue(s, v) {
		*v = extract.Value{}
		return json.Unmarshal([]byte(s), v)
	}
	return nil
}

func decodeFlatValue(s string, v *extract.Value) bool {
	if len(s) < 2 || s[0] != '{' || s[len(s)-1] != '}' {
		return false
	}
	s = s[1 : len(s)-1]
	for s != "" {
		if s[0] != '"' {
			return false
		}
		end := strings.IndexByte(s[1:], '"')
		if end < 0 || len(s) < end+3 || s[end+2] != ':' {
			return false
		}
		name := s[1 : end+1]
		s = s[end+3:]
		var raw string
		if s != "" && s[0] == '"' {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				return false
			}
			raw = s[1 : end+1]
			if strings.IndexByte(raw, '\\') >= 0 {
				return false
			}
			s = s[end+2:]
		} else {
			if s == "" || s[0] != '-' && (s[0] < '0' || s[0] > '9') {
				return false // not a number as json.Marshal writes it
			}
			end := strings.IndexByte(s, ',')
			if end < 0 {
				end = len(s)
			}
			raw = s[:end]
			s = s[end:]
		}
		if !setValueField(v, name, raw) {
			return false
		}
		if s != "" {
			if s[0] != ',' || len(s) == 1 {
				return false
			}
			s = s[1:]
		}
	}
	return true
}

// setValueField sets the field a JSON name stands for; false for a name
// it does not know or a number it cannot read.
func setValueField(v *extract.Value, name, raw string) bool {
	num := func(dst *float64) bool {
		f, err := strconv.ParseFloat(raw, 64)
		*dst = f
		return err == nil
	}
	integer := func(dst *int) bool {
		n, err := strconv.Atoi(raw)
		*dst = n
		return err == nil
	}
	switch name {
	case "type":
		v.Type = extract.ValueType(raw)
	case "currency":
		v.Currency = raw
	case "lo":
		return num(&v.Lo)
	case "hi":
		return num(&v.Hi)
	case "step":
		return num(&v.Step)
	case "qualifier":
		v.Qualifier = raw
	case "rate":
		v.Rate = raw
	case "from":
		return integer(&v.From)
	case "to":
		return integer(&v.To)
	case "date_precision":
		v.DatePrecision = raw
	case "label":
		v.Label = raw
	default:
		return false
	}
	return true
}
