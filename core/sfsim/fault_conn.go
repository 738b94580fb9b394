package sfsim

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"strconv"
)

// resetConnection drops the client's connection with a TCP RST (linger 0),
// before any response byte: the client sees "connection reset by peer".
func resetConnection(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		writeError(w, http.StatusInternalServerError, "UNKNOWN_EXCEPTION", "connection reset fault needs HTTP/1.1")
		return
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

// truncateResponse produces the normal response, then sends its status,
// headers (with the full Content-Length) and only the first half of its body
// before closing: the client reads an unexpected EOF.
func truncateResponse(w http.ResponseWriter, r *http.Request, next http.HandlerFunc) {
	buf := &bufferedResponse{header: w.Header().Clone(), status: http.StatusOK} // composite.go's recorder
	next(buf, r)
	conn, rw, err := http.NewResponseController(w).Hijack()
	if err != nil {
		writeError(w, http.StatusInternalServerError, "UNKNOWN_EXCEPTION", "truncated body fault needs HTTP/1.1")
		return
	}
	defer conn.Close()
	status := buf.status
	body := buf.body.Bytes()
	buf.header.Set("Content-Length", strconv.Itoa(max(len(body), 1)))
	buf.header.Set("Connection", "close")
	writeHead(rw.Writer, status, buf.header)
	_, _ = rw.Write(body[:len(body)/2])
	_ = rw.Flush()
}

func writeHead(bw *bufio.Writer, status int, h http.Header) {
	fmt.Fprintf(bw, "HTTP/1.1 %d %s\r\n", status, http.StatusText(status))
	_ = h.Write(bw)
	_, _ = bw.WriteString("\r\n")
}
