module example.com/acme/connector-gateway

go 1.19
