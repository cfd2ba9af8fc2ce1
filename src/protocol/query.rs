//! `application/x-www-form-urlencoded` text: URL query strings, and the bodies of the query
//! protocol's form posts.

use percent_encoding::percent_decode_str;

/// Decoded name/value pairs, in order; a name may repeat.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query(Vec<(String, String)>);

impl Query {
    /// Decodes `query` (`a=1&b=x%20y`; `+` is a space). `None` is an empty query.
    pub fn parse(query: Option<&str>) -> Self {
        let decode = |s: &str| {
            percent_decode_str(&s.replace('+', " "))
                .decode_utf8_lossy()
                .into_owned()
        };
        let pairs = query
            .unwrap_or_default()
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| match pair.split_once('=') {
                Some((k, v)) => (decode(k), decode(v)),
                None => (decode(pair), String::new()),
            })
            .collect();
        Query(pairs)
    }

    /// The first value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every pair, in order.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.0
    }

    /// Adds a pair at the end.
    pub fn push(&mut self, name: &str, value: &str) {
        self.0.push((name.to_owned(), value.to_owned()));
    }

    /// Every value of `name`, in order.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_strings_decode() {
        let q = Query::parse(Some("tagKeys=a&tagKeys=b%20c&Marker=x%21y&Action=Get+It"));
        assert_eq!(q.all("tagKeys"), vec!["a", "b c"]);
        assert_eq!(q.get("Marker"), Some("x!y"));
        assert_eq!(q.get("Action"), Some("Get It"));
        assert_eq!(q.get("nope"), None);
        assert_eq!(Query::parse(None), Query::default());
    }
}
