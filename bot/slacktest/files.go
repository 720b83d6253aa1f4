package slacktest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// File is a file the bot uploaded with files upload v2.
type File struct {
	ID       string
	Name     string // the filename given to files.getUploadURLExternal
	Title    string
	AltText  string
	Length   int    // the length announced
	Content  []byte // the bytes posted to the upload URL
	Channel  string // where files.completeUploadExternal shared it ("" for not shared)
	ThreadTS string
	Comment  string // initial_comment
	Shared   bool   // completed
}

// uploadURL answers files.getUploadURLExternal: a file id and a URL on
// this server to post the bytes to.
func (s *Server) uploadURL(p map[string]string) result {
	n, err := strconv.Atoi(p["length"])
	if p["filename"] == "" || err != nil || n <= 0 {
		return refuse(problemf("invalid_arguments", "filename and a positive length are required"))
	}
	s.mu.Lock()
	id := fmt.Sprintf("F%08d", s.nextSeqLocked())
	s.files[id] = &File{ID: id, Name: p["filename"], AltText: p["alt_txt"], Length: n}
	s.fileOrder = append(s.fileOrder, id)
	s.mu.Unlock()
	return ok(map[string]any{"file_id": id, "upload_url": s.base + "/upload/" + id})
}

// serveUpload takes the bytes of a file (multipart field "file", as
// slack-go sends them, or the raw body) and answers "OK - <length>" as
// Slack does.
func (s *Server) serveUpload(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var content []byte
	var err error
	if f, _, ferr := r.FormFile("file"); ferr == nil {
		content, err = io.ReadAll(io.LimitReader(f, maxBody))
		_ = f.Close()
	} else {
		content, err = io.ReadAll(io.LimitReader(r.Body, maxBody))
	}
	s.mu.Lock()
	file := s.files[id]
	if file != nil && err == nil && !file.Shared {
		file.Content = content
	}
	s.notifyLocked()
	s.mu.Unlock()
	s.record(Call{Method: MethodUpload, Path: r.URL.Path, Body: content, At: time.Now(), Status: http.StatusOK})
	if file == nil || err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/plain")
	_, _ = io.WriteString(w, "OK - "+strconv.Itoa(len(content)))
}

// MethodUpload is the method name Calls uses for posts to an upload URL.
const MethodUpload = "upload"

// completeUpload answers files.completeUploadExternal: every file must
// have been uploaded with the length announced; it is then shared.
func (s *Server) completeUpload(p map[string]string) result {
	var list []struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	}
	if err := json.Unmarshal([]byte(p["files"]), &list); err != nil || len(list) == 0 {
		return refuse(problemf("invalid_arguments", "files must be a JSON array of {id, title}"))
	}
	if p["blocks"] != "" {
		if pr := validateMessage(map[string]string{"blocks": p["blocks"], "text": "x"}); pr != nil {
			return refuse(pr)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]map[string]any, 0, len(list))
	for _, f := range list {
		file := s.files[f.ID]
		switch {
		case file == nil || file.Content == nil:
			return fail("file_not_found")
		case file.Shared:
			return fail("file_already_completed")
		case len(file.Content) != file.Length:
			return refuse(problemf("invalid_arguments", "file %s: %d bytes uploaded, %d announced", f.ID, len(file.Content), file.Length))
		}
	}
	for _, f := range list {
		file := s.files[f.ID]
		file.Title, file.Channel, file.ThreadTS, file.Comment, file.Shared = f.Title, p["channel_id"], p["thread_ts"], p["initial_comment"], true
		if file.Channel != "" {
			s.messages[file.Channel] = append(s.messages[file.Channel], storedMessage{TS: s.tsLocked(), ThreadTS: file.ThreadTS, Text: file.Comment})
		}
		out = append(out, map[string]any{"id": f.ID, "title": f.Title})
	}
	s.notifyLocked()
	return ok(map[string]any{"files": out})
}

// Files returns the files the bot shared (completed uploads), in upload order.
func (s *Server) Files() []File {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.filesLocked()
}

func (s *Server) filesLocked() []File {
	var out []File
	for _, id := range s.fileOrder {
		if f := s.files[id]; f.Shared {
			c := *f
			c.Content = append([]byte(nil), f.Content...)
			out = append(out, c)
		}
	}
	return out
}

// WaitFiles blocks until at least n files were shared and returns them.
func (s *Server) WaitFiles(ctx context.Context, n int) ([]File, error) {
	var got []File
	err := s.waitFor(ctx, func() bool {
		got = s.filesLocked()
		return len(got) >= n
	})
	if err != nil {
		return got, fmt.Errorf("wait for %d files, have %d: %w", n, len(got), err)
	}
	return got, nil
}
