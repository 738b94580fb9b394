package sfsim

import (
	"encoding/json"
	"net/http"
)

// apiError is one element of Salesforce's REST error body, a JSON array.
type apiError struct {
	Message   string `json:"message"`
	ErrorCode string `json:"errorCode"`
}

// writeError writes Salesforce's REST error shape: [{"message","errorCode"}].
func writeError(w http.ResponseWriter, status int, code, message string) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode([]apiError{{Message: message, ErrorCode: code}})
}

// writeOAuthError writes the token endpoint's error shape: {"error","error_description"}.
func writeOAuthError(w http.ResponseWriter, status int, code, description string) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": description})
}

// writeJSON writes v as a 200-or-status JSON response.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
