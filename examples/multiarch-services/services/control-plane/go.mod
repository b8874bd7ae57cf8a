module example.com/acme/control-plane

go 1.19
