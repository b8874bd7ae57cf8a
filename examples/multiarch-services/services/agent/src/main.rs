//! agent is the distributed policy executor: a tiny HTTP server on the standard library alone. GET /healthz answers "ok";
//! `agent --healthcheck` probes it (the image's HEALTHCHECK: a scratch image has no shell or curl).
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};

const GREETING: &str = "hello from agent";

fn port() -> String {
    std::env::var("PORT").unwrap_or_else(|_| "8083".to_string())
}

fn healthcheck() -> i32 {
    match TcpStream::connect(format!("127.0.0.1:{}", port())) {
        Ok(mut s) => {
            let _ = s.write_all(b"GET /healthz HTTP/1.0\r\n\r\n");
            let mut answer = String::new();
            let _ = s.read_to_string(&mut answer);
            if answer.starts_with("HTTP/1.0 200") { 0 } else { 1 }
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
        let mut request = [0u8; 1024];
        let n = stream.read(&mut request).unwrap_or(0);
        let line = String::from_utf8_lossy(&request[..n]);
        let body = if line.starts_with("GET /healthz ") { "ok\n".to_string() } else { format!("{} on {}/{}\n", GREETING, std::env::consts::OS, std::env::consts::ARCH) };
        let _ = write!(stream, "HTTP/1.0 200 OK\r\nContent-Length: {}\r\n\r\n{}", body.len(), body);
    }
}
