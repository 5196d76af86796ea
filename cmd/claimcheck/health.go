package main

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/claimcheck/claimcheck/store"
)

// withHealth answers an orchestrator's probes ahead of the review page:
// /healthz says the process serves (liveness: restart it when this fails),
// /readyz that its database answers at the schema this build knows
// (readiness: send it editors only then). Neither reads findings.
func withHealth(next http.Handler, st *store.Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/healthz" && r.URL.Path != "/readyz" {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if r.URL.Path == "/healthz" {
			fmt.Fprintln(w, "ok")
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		v, err := st.Version(ctx)
		switch {
		case err != nil:
			http.Error(w, "database unreachable: "+err.Error(), http.StatusServiceUnavailable)
		case v != store.SchemaVersion:
			http.Error(w, fmt.Sprintf("database schema %d, this build needs %d", v, store.SchemaVersion), http.StatusServiceUnavailable)
		default:
			fmt.Fprintln(w, "ready")
		}
	})
}
