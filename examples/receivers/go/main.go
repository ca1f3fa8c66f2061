// A complete CargoLint webhook receiver in Go, standard library only.
//
//	CARGOLINT_WEBHOOK_SECRET=whsec_... go run main.go      # listens on :8080
//
// It verifies X-CargoLint-Signature over the raw body, drops duplicates, answers at once and
// processes the event in a goroutine.
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"os"
	"sync"
)

type Event struct {
	ID        string          `json:"id"`
	Type      string          `json:"type"`
	CreatedAt string          `json:"created_at"`
	Data      json.RawMessage `json:"data"`
}

// VerifySignature reports whether header is "sha256=" + hex HMAC-SHA256 of body under one of secrets.
func VerifySignature(body []byte, header string, secrets []string) bool {
	for _, secret := range secrets {
		mac := hmac.New(sha256.New, []byte(secret))
		mac.Write(body)
		expected := "sha256=" + hex.EncodeToString(mac.Sum(nil))
		if hmac.Equal([]byte(expected), []byte(header)) {
			return true
		}
	}
	return false
}

func main() {
	var secrets []string // the current secret, plus the previous one during a rotation
	for _, name := range []string{"CARGOLINT_WEBHOOK_SECRET", "CARGOLINT_WEBHOOK_PREVIOUS_SECRET"} {
		if value := os.Getenv(name); value != "" {
			secrets = append(secrets, value)
		}
	}
	if len(secrets) == 0 {
		log.Fatal("set CARGOLINT_WEBHOOK_SECRET")
	}

	var mu sync.Mutex
	seen := map[string]bool{} // in production: a table with a unique key on the event id

	http.HandleFunc("/webhooks/cargolint", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.WriteHeader(http.StatusMethodNotAllowed)
			return
		}
		// The raw body, exactly as sent (bodies are at most 256 KiB).
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20))
		if err != nil {
			http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
			return
		}
		if !VerifySignature(body, r.Header.Get("X-CargoLint-Signature"), secrets) {
			http.Error(w, "invalid signature", http.StatusBadRequest)
			return
		}
		var event Event
		if err := json.Unmarshal(body, &event); err != nil {
			http.Error(w, "invalid JSON", http.StatusBadRequest)
			return
		}

		mu.Lock() // the body's id is signed and equals the webhook-id header
		duplicate := seen[event.ID]
		seen[event.ID] = true
		mu.Unlock()
		if duplicate {
			w.WriteHeader(http.StatusOK)
			return
		}

		w.WriteHeader(http.StatusAccepted)
		go func() {
			log.Printf("%s %s", event.Type, event.ID) // your processing goes here
		}()
	})

	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
