package sfsim

import (
	"strings"
	"sync"
)

// The instance a token response names. An org moved to another instance
// (an org migration) or given a new My Domain answers a refresh with a new
// instance_url (the token response's instance_url is the one to use from
// then on: OAuth refresh token flow, intro_understanding_refresh_token_oauth;
// issue 7 "Stored connection facts follow the org"). Both hosts reach this
// one server, so calls on the old instance keep working; the server
// records every instance_url it hands out.

// instanceURLs holds the configured instance and the ones handed out.
type instanceURLs struct {
	mu        sync.Mutex
	current   string   // "" : the host the client called
	handedOut []string // every instance_url issued, consecutive repeats folded
}

// SetInstanceURL makes later token responses (code exchange and refresh)
// name url as instance_url, e.g. "http://localhost:PORT" for a server
// reached at 127.0.0.1:PORT; "" goes back to the host the client called.
func (s *Server) SetInstanceURL(url string) {
	s.instances.mu.Lock()
	defer s.instances.mu.Unlock()
	s.instances.current = strings.TrimSuffix(url, "/")
}

// InstanceURLs lists the instance_url values token responses handed out,
// in order (a value repeated in a row listed once).
func (s *Server) InstanceURLs() []string {
	s.instances.mu.Lock()
	defer s.instances.mu.Unlock()
	return append([]string(nil), s.instances.handedOut...)
}

// instanceURLFor is the instance_url of a token response to a request
// reaching base, recorded as handed out.
func (s *Server) instanceURLFor(base string) string {
	s.instances.mu.Lock()
	defer s.instances.mu.Unlock()
	url := s.instances.current
	if url == "" {
		url = base
	}
	if n := len(s.instances.handedOut); n == 0 || s.instances.handedOut[n-1] != url {
		s.instances.handedOut = append(s.instances.handedOut, url)
	}
	return url
}
