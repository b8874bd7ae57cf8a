// connector-gateway is the gateway to third-party integrations: a tiny HTTP server on the standard library alone. GET /healthz answers "ok";
// `connector-gateway --healthcheck` probes it (the image's HEALTHCHECK: a scratch image has no shell or curl).
package main

import (
	"fmt"
	"net/http"
	"os"
	"runtime"
)

const greeting = "hello from connector-gateway"

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8081"
	}
	if len(os.Args) > 1 && os.Args[1] == "--healthcheck" {
		resp, err := http.Get("http://127.0.0.1:" + port + "/healthz")
		if err != nil || resp.StatusCode != http.StatusOK {
			os.Exit(1)
		}
		return
	}
	http.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintln(w, "ok")
	})
	http.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintln(w, greeting, "on", runtime.GOOS+"/"+runtime.GOARCH)
	})
	if err := http.ListenAndServe(":"+port, nil); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
