//! hello answers every HTTP request with a fixed line; `hello --healthcheck` probes the running server.
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};

const ANSWER: &str = "hello from hello";

fn port() -> String {
    std::env::var("PORT").unwrap_or_else(|_| "8080".to_string())
}

fn healthcheck() -> i32 {
    match TcpStream::connect(format!("127.0.0.1:{}", port())) {
        Ok(mut s) => {
            let _ = s.write_all(b"GET / HTTP/1.0\r\n\r\n");
            let mut body = String::new();
            let _ = s.read_to_string(&mut body);
            if body.starts_with("HTTP/1.0 200") { 0 } else { 1 }
        }
        Err(_) => 1,
    }
}

fn main() {
    if std::env::args().nth(1).as_deref() == Some("--healthcheck") {
        std::process::exit(healthcheck());
    }
    let listener = TcpListener::bind(format!("0.0.0.0:{}", port())).expect("bind");
    for stream in listener.incoming().flatten() {
        let mut stream = stream;
        let mut buf = [0u8; 1024];
        let _ = stream.read(&mut buf);
        let body = format!("{}\n", ANSWER);
        let _ = write!(stream, "HTTP/1.0 200 OK\r\nContent-Length: {}\r\n\r\n{}", body.len(), body);
    }
}
