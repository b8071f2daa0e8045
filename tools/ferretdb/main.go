// Command ferretdb-local runs FerretDB 1.24 (a MongoDB wire-protocol server) for local development
// and tests, where no mongod is installed: on its PostgreSQL backend when given --postgresql-url
// (what scripts/stores.sh does), else on its SQLite backend in --sqlite-dir. It embeds FerretDB's own
// embeddable package rather than its main: the published module lacks the version file that
// FerretDB's main insists on, and the embedded form needs none.
package main

import (
	"context"
	"flag"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen-addr", "127.0.0.1:27017", "TCP address to listen on")
	dataDir := flag.String("sqlite-dir", "data", "directory for the SQLite databases")
	postgresURL := flag.String("postgresql-url", "", "PostgreSQL database to store in (instead of SQLite)")
	flag.Parse()

	config := ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: *listen},
		Logger:   slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
	}
	if *postgresURL != "" {
		config.Handler = "postgresql"
		config.PostgreSQLURL = *postgresURL
	} else {
		if err := os.MkdirAll(*dataDir, 0o700); err != nil {
			slog.Error("cannot create data directory", "dir", *dataDir, "error", err)
			os.Exit(1)
		}
		config.Handler = "sqlite"
		config.SQLiteURL = "file:" + *dataDir + "/"
	}

	server, err := ferretdb.New(&config)
	if err != nil {
		slog.Error("cannot start FerretDB", "error", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := server.Run(ctx); err != nil {
		slog.Error("FerretDB stopped", "error", err)
		os.Exit(1)
	}
}
