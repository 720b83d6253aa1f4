package bot

import (
	"errors"
	"net/url"
	"strings"
)

// redactURL keeps a response_url out of err's text. The URL is a
// credential (anyone holding it can post in the conversation for 30
// minutes), and net/http puts it in every transport error:
// `Post "https://hooks.slack.com/commands/T…/…/<secret>": EOF`.
func redactURL(err error, secretURL string) error {
	if err == nil || secretURL == "" {
		return err
	}
	var ue *url.Error
	if errors.As(err, &ue) && ue.URL == secretURL && err == error(ue) {
		c := *ue
		c.URL = RedactedURL(secretURL)
		return &c
	}
	if msg := err.Error(); strings.Contains(msg, secretURL) {
		return redactedError{msg: strings.ReplaceAll(msg, secretURL, RedactedURL(secretURL)), err: err}
	}
	return err
}

// RedactedURL is u with everything after its first path segment cut:
// "https://hooks.slack.com/commands/…", enough to tell which kind of URL
// failed.
func RedactedURL(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.Host == "" {
		return "[redacted url]"
	}
	first, _, _ := strings.Cut(strings.TrimPrefix(p.Path, "/"), "/")
	return p.Scheme + "://" + p.Host + "/" + first + "/…"
}

// redactedError is an error whose text had a secret URL replaced; errors.Is
// and errors.As still see the original.
type redactedError struct {
	msg string
	err error
}

func (e redactedError) Error() string { return e.msg }
func (e redactedError) Unwrap() error { return e.err }
