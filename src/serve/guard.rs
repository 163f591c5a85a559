//! Who may talk to the local server: a page served by it, on this machine.
//!
//! A site open in another tab can make the browser send requests to
//! 127.0.0.1, and a DNS name can be pointed at 127.0.0.1 (rebinding): every
//! request must name this server in its `Host`, and every request that
//! changes anything must come from this server's own page (`Origin`) and
//! carry the token that page was served with.

use axum::http::{HeaderMap, Method, header};

/// The header the page sends its token in.
pub const TOKEN_HEADER: &str = "x-duban-token";

/// What the server answers to, and the token of this launch.
#[derive(Clone, Debug)]
pub struct Guard {
    /// `host:port` forms a request may name: 127.0.0.1, localhost, [::1]
    /// and the address listened on, each with the port.
    hosts: Vec<String>,
    /// Random, made at launch, written into the page.
    token: String,
}

/// Why a request was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The Host header names another server.
    Host,
    /// A change from a page that is not this server's.
    Origin,
    /// A change without this launch's token.
    Token,
}

impl Refusal {
    /// What the page shows.
    pub fn message(&self) -> String {
        match self {
            Refusal::Host => crate::say!(
                "请求的地址不是本机的 duban（Host 不符），已拒绝",
                "the request names another host; refused"
            ),
            Refusal::Origin => crate::say!(
                "请求不是来自本机 duban 的页面（Origin 不符），已拒绝",
                "the request does not come from duban's own page; refused"
            ),
            Refusal::Token => crate::say!(
                "请求没有本次启动的口令，已拒绝；请刷新页面",
                "the request lacks this launch's token; reload the page"
            ),
        }
    }
}

impl Guard {
    /// A guard for a server on `listen:port`, with `token`.
    pub fn new(listen: std::net::IpAddr, port: u16, token: String) -> Guard {
        let mut hosts: Vec<String> =
            ["127.0.0.1", "localhost", "[::1]"].iter().map(|h| format!("{h}:{port}")).collect();
        let own = match listen {
            std::net::IpAddr::V4(v4) => format!("{v4}:{port}"),
            std::net::IpAddr::V6(v6) => format!("[{v6}]:{port}"),
        };
        if !hosts.contains(&own) {
            hosts.push(own);
        }
        Guard { hosts, token }
    }

    /// The token the page is served with.
    pub fn token(&self) -> &str {
        &self.token
    }

    /// Whether a request with `method` and `headers` may be answered.
    pub fn check(&self, method: &Method, headers: &HeaderMap) -> Result<(), Refusal> {
        let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
        let host = text(header::HOST).ok_or(Refusal::Host)?;
        if !self.hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
            return Err(Refusal::Host);
        }
        if matches!(*method, Method::GET | Method::HEAD) {
            return Ok(());
        }
        let origin = text(header::ORIGIN).ok_or(Refusal::Origin)?;
        if !self.hosts.iter().any(|h| origin.eq_ignore_ascii_case(&format!("http://{h}"))) {
            return Err(Refusal::Origin);
        }
        let token = headers.get(TOKEN_HEADER).and_then(|v| v.to_str().ok()).ok_or(Refusal::Token)?;
        // Compared in full whatever differs first: the time says nothing of the token.
        let same = token.len() == self.token.len()
            && token.bytes().zip(self.token.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0;
        if same { Ok(()) } else { Err(Refusal::Token) }
    }
}

/// A token of 128 random bits, in hex, from the operating system.
pub fn new_token() -> Result<String, std::io::Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(std::io::Error::other)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn only_this_servers_page_may_change_anything() {
        let guard = Guard::new([127, 0, 0, 1].into(), 8421, "ab12".into());
        let get = Method::GET;
        let post = Method::POST;
        assert_eq!(guard.check(&get, &headers(&[("host", "127.0.0.1:8421")])), Ok(()));
        assert_eq!(guard.check(&get, &headers(&[("host", "localhost:8421")])), Ok(()));
        assert_eq!(guard.check(&get, &headers(&[("host", "evil.example:8421")])), Err(Refusal::Host));
        assert_eq!(guard.check(&get, &headers(&[("host", "127.0.0.1:80")])), Err(Refusal::Host));
        assert_eq!(guard.check(&get, &headers(&[])), Err(Refusal::Host));
        let from = |origin: &str, token: &str| {
            let mut pairs = vec![("host", "127.0.0.1:8421"), ("origin", origin)];
            if !token.is_empty() {
                pairs.push((TOKEN_HEADER, token));
            }
            guard.check(&post, &headers(&pairs))
        };
        assert_eq!(from("http://127.0.0.1:8421", "ab12"), Ok(()));
        assert_eq!(from("http://localhost:8421", "ab12"), Ok(()));
        assert_eq!(from("http://evil.example", "ab12"), Err(Refusal::Origin));
        assert_eq!(from("http://127.0.0.1:8421", "ab13"), Err(Refusal::Token));
        assert_eq!(from("http://127.0.0.1:8421", "ab1"), Err(Refusal::Token));
        assert_eq!(from("http://127.0.0.1:8421", ""), Err(Refusal::Token));
        assert!(new_token().unwrap().len() == 32 && new_token().unwrap() != new_token().unwrap());
    }
}
