module example.com/acme/indexer

go 1.19
