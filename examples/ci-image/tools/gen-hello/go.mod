module example.com/ci-image/tools/gen-hello

go 1.19
