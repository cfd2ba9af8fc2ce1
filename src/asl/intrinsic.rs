//! Intrinsic functions (`States.Format(...)` and friends), JSONPath states only.
//!
//! A call is parsed once, at definition time, into a small tree of [`Function`]s and
//! arguments; evaluation walks that tree. Functions that need randomness or digests (UUID,
//! MathRandom, Hash) go through [`IntrinsicEnv`], so this module stays pure and tests can pin
//! the results.

mod functions;

use std::fmt;

use serde_json::{Number, Value};

use crate::asl::path::{Path, PathEvalError, Roots};

/// AWS allows at most this many calls nested inside one another in a field.
const MAX_NESTING: usize = 10;

/// A parsed intrinsic function call.
#[derive(Debug, Clone, PartialEq)]
pub struct Intrinsic {
    source: String,
    call: Call,
}

/// Why an intrinsic call could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntrinsicError {
    /// Human-readable reason.
    pub message: String,
}

impl fmt::Display for IntrinsicError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for IntrinsicError {}

/// Why evaluating an intrinsic call failed at run time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IntrinsicEvalError {
    /// A path argument selected nothing (AWS: `States.Runtime`).
    Path(PathEvalError),
    /// A function rejected its arguments (AWS: `States.IntrinsicFailure`); the text is the cause.
    Failure(String),
}

impl IntrinsicEvalError {
    /// The ASL error name the execution fails with.
    pub fn error_name(&self) -> &'static str {
        match self {
            IntrinsicEvalError::Path(_) => "States.Runtime",
            IntrinsicEvalError::Failure(_) => "States.IntrinsicFailure",
        }
    }
}

impl fmt::Display for IntrinsicEvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IntrinsicEvalError::Path(e) => e.fmt(f),
            IntrinsicEvalError::Failure(cause) => f.write_str(cause),
        }
    }
}

impl std::error::Error for IntrinsicEvalError {}

/// The digest algorithms `States.Hash` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HashAlgorithm {
    /// `MD5`
    Md5,
    /// `SHA-1`
    Sha1,
    /// `SHA-256`
    Sha256,
    /// `SHA-384`
    Sha384,
    /// `SHA-512`
    Sha512,
}

impl HashAlgorithm {
    /// All algorithms, in the order AWS lists them.
    pub const ALL: [HashAlgorithm; 5] = [
        HashAlgorithm::Md5,
        HashAlgorithm::Sha1,
        HashAlgorithm::Sha256,
        HashAlgorithm::Sha384,
        HashAlgorithm::Sha512,
    ];

    /// The name as written in a definition, e.g. `SHA-256`.
    pub fn name(self) -> &'static str {
        match self {
            HashAlgorithm::Md5 => "MD5",
            HashAlgorithm::Sha1 => "SHA-1",
            HashAlgorithm::Sha256 => "SHA-256",
            HashAlgorithm::Sha384 => "SHA-384",
            HashAlgorithm::Sha512 => "SHA-512",
        }
    }

    /// The algorithm called `name`, exactly as AWS spells it.
    pub fn from_name(name: &str) -> Option<HashAlgorithm> {
        HashAlgorithm::ALL.into_iter().find(|a| a.name() == name)
    }
}

/// What the intrinsic functions need from outside this pure module.
pub trait IntrinsicEnv {
    /// A fresh version-4 UUID in its hyphenated lowercase form (`States.UUID`).
    fn uuid(&mut self) -> String;
    /// A random integer with `start <= n < end` (`States.MathRandom`); callers guarantee
    /// `start < end`. With a seed, the same seed must give the same number.
    fn random(&mut self, start: i64, end: i64, seed: Option<i64>) -> i64;
    /// The lowercase hex digest of the UTF-8 bytes of `data` (`States.Hash`).
    fn hash(&self, algorithm: HashAlgorithm, data: &str) -> String;
}

/// The intrinsic functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Function {
    /// `States.Format(template, values...)`
    Format,
    /// `States.StringToJson(string)`
    StringToJson,
    /// `States.JsonToString(value)`
    JsonToString,
    /// `States.Array(values...)`
    Array,
    /// `States.ArrayPartition(array, size)`
    ArrayPartition,
    /// `States.ArrayContains(array, value)`
    ArrayContains,
    /// `States.ArrayRange(start, end, step)`
    ArrayRange,
    /// `States.ArrayGetItem(array, index)`
    ArrayGetItem,
    /// `States.ArrayLength(array)`
    ArrayLength,
    /// `States.ArrayUnique(array)`
    ArrayUnique,
    /// `States.Base64Encode(string)`
    Base64Encode,
    /// `States.Base64Decode(string)`
    Base64Decode,
    /// `States.Hash(data, algorithm)`
    Hash,
    /// `States.JsonMerge(object, object, false)`
    JsonMerge,
    /// `States.MathRandom(start, end[, seed])`
    MathRandom,
    /// `States.MathAdd(a, b)`
    MathAdd,
    /// `States.StringSplit(string, delimiters)`
    StringSplit,
    /// `States.UUID()`
    Uuid,
}

impl Function {
    const ALL: [Function; 18] = [
        Function::Format,
        Function::StringToJson,
        Function::JsonToString,
        Function::Array,
        Function::ArrayPartition,
        Function::ArrayContains,
        Function::ArrayRange,
        Function::ArrayGetItem,
        Function::ArrayLength,
        Function::ArrayUnique,
        Function::Base64Encode,
        Function::Base64Decode,
        Function::Hash,
        Function::JsonMerge,
        Function::MathRandom,
        Function::MathAdd,
        Function::StringSplit,
        Function::Uuid,
    ];

    /// The full name, e.g. `States.Format`.
    pub fn name(self) -> &'static str {
        match self {
            Function::Format => "States.Format",
            Function::StringToJson => "States.StringToJson",
            Function::JsonToString => "States.JsonToString",
            Function::Array => "States.Array",
            Function::ArrayPartition => "States.ArrayPartition",
            Function::ArrayContains => "States.ArrayContains",
            Function::ArrayRange => "States.ArrayRange",
            Function::ArrayGetItem => "States.ArrayGetItem",
            Function::ArrayLength => "States.ArrayLength",
            Function::ArrayUnique => "States.ArrayUnique",
            Function::Base64Encode => "States.Base64Encode",
            Function::Base64Decode => "States.Base64Decode",
            Function::Hash => "States.Hash",
            Function::JsonMerge => "States.JsonMerge",
            Function::MathRandom => "States.MathRandom",
            Function::MathAdd => "States.MathAdd",
            Function::StringSplit => "States.StringSplit",
            Function::Uuid => "States.UUID",
        }
    }

    /// Whether the function may be used in a Fail state's `ErrorPath` / `CausePath`.
    pub fn returns_string(self) -> bool {
        matches!(
            self,
            Function::ArrayGetItem
                | Function::Base64Encode
                | Function::Base64Decode
                | Function::Format
                | Function::JsonToString
                | Function::Hash
                | Function::Uuid
        )
    }

    fn from_name(name: &str) -> Option<Function> {
        Function::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The smallest and largest number of arguments (`None`: no upper bound).
    fn arity(self) -> (usize, Option<usize>) {
        match self {
            Function::Uuid => (0, Some(0)),
            Function::Array => (0, None),
            Function::Format => (1, None),
            Function::StringToJson
            | Function::JsonToString
            | Function::ArrayLength
            | Function::ArrayUnique
            | Function::Base64Encode
            | Function::Base64Decode => (1, Some(1)),
            Function::ArrayPartition
            | Function::ArrayContains
            | Function::ArrayGetItem
            | Function::Hash
            | Function::MathAdd
            | Function::StringSplit => (2, Some(2)),
            Function::MathRandom => (2, Some(3)),
            Function::ArrayRange | Function::JsonMerge => (3, Some(3)),
        }
    }
}

/// One call in the tree.
#[derive(Debug, Clone, PartialEq)]
struct Call {
    function: Function,
    args: Vec<Arg>,
}

/// An argument of a call.
#[derive(Debug, Clone, PartialEq)]
enum Arg {
    /// A number, `true`, `false` or `null`.
    Literal(Value),
    /// A quoted string, kept in pieces so `States.Format` can tell `{}` from `\{\}`.
    Text(Vec<Piece>),
    Path(Path),
    Call(Box<Call>),
}

/// Part of a string literal or of a `States.Format` template.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Text(String),
    /// An unescaped `{}`.
    Hole,
}

impl Intrinsic {
    /// Parses a call such as `States.Format('{}', $.name)`.
    pub fn parse(s: &str) -> Result<Intrinsic, IntrinsicError> {
        let text = s.trim();
        let mut p = Parser {
            src: text,
            pos: 0,
            depth: 0,
        };
        let call = p.read_call()?;
        p.skip_ws();
        if p.pos != text.len() {
            return Err(p.error("unexpected text after the closing parenthesis"));
        }
        Ok(Intrinsic {
            source: text.to_owned(),
            call,
        })
    }

    /// The text the call was parsed from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The outermost function.
    pub fn function(&self) -> Function {
        self.call.function
    }

    /// Every path argument, nested calls included, in source order (for validation and
    /// `variableReferences`).
    pub fn paths(&self) -> Vec<&Path> {
        let mut out = Vec::new();
        collect_paths(&self.call, &mut out);
        out
    }

    /// Evaluates the call.
    pub fn eval(
        &self,
        roots: &Roots<'_>,
        env: &mut dyn IntrinsicEnv,
    ) -> Result<Value, IntrinsicEvalError> {
        eval_call(&self.call, roots, env)
    }
}

fn collect_paths<'a>(call: &'a Call, out: &mut Vec<&'a Path>) {
    for arg in &call.args {
        match arg {
            Arg::Path(path) => out.push(path),
            Arg::Call(inner) => collect_paths(inner, out),
            Arg::Literal(_) | Arg::Text(_) => {}
        }
    }
}

fn eval_call(
    call: &Call,
    roots: &Roots<'_>,
    env: &mut dyn IntrinsicEnv,
) -> Result<Value, IntrinsicEvalError> {
    let mut values = Vec::with_capacity(call.args.len());
    for arg in &call.args {
        values.push(eval_arg(arg, roots, env)?);
    }
    // A literal template keeps its escapes; one read from a path is split at run time.
    let template = match call.args.first() {
        Some(Arg::Text(pieces)) if call.function == Function::Format => Some(pieces.as_slice()),
        _ => None,
    };
    functions::apply(call.function, template, values, env).map_err(IntrinsicEvalError::Failure)
}

fn eval_arg(
    arg: &Arg,
    roots: &Roots<'_>,
    env: &mut dyn IntrinsicEnv,
) -> Result<Value, IntrinsicEvalError> {
    match arg {
        Arg::Literal(value) => Ok(value.clone()),
        Arg::Text(pieces) => Ok(Value::String(join_pieces(pieces))),
        Arg::Path(path) => path
            .eval(roots)
            .map(|v| v.into_owned())
            .map_err(IntrinsicEvalError::Path),
        Arg::Call(inner) => eval_call(inner, roots, env),
    }
}

/// The string a literal stands for: holes are plain `{}` outside `States.Format`.
fn join_pieces(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Text(text) => text.as_str(),
            Piece::Hole => "{}",
        })
        .collect()
}

struct Parser<'s> {
    src: &'s str,
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn rest(&self) -> &str {
        self.src.get(self.pos..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn eat(&mut self, c: char) -> bool {
        let found = self.peek() == Some(c);
        if found {
            self.pos += c.len_utf8();
        }
        found
    }

    fn skip_ws(&mut self) {
        while let Some(c) = self.peek().filter(|c| c.is_whitespace()) {
            self.pos += c.len_utf8();
        }
    }

    fn error(&self, what: &str) -> IntrinsicError {
        IntrinsicError {
            message: format!("{what} at position {} in '{}'", self.pos, self.src),
        }
    }

    fn read_call(&mut self) -> Result<Call, IntrinsicError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(self.error("intrinsic functions cannot be nested more than 10 deep"));
        }
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|c| c.is_alphanumeric() || c == '.' || c == '_')
        {
            self.bump();
        }
        let name = self.src.get(start..self.pos).unwrap_or("");
        let function = Function::from_name(name).ok_or_else(|| IntrinsicError {
            message: format!("Function '{name}' not supported"),
        })?;
        self.skip_ws();
        if !self.eat('(') {
            return Err(self.error("expected '('"));
        }
        let args = self.read_args()?;
        check_arity(function, args.len())?;
        self.depth -= 1;
        Ok(Call { function, args })
    }

    fn read_args(&mut self) -> Result<Vec<Arg>, IntrinsicError> {
        let mut args = Vec::new();
        self.skip_ws();
        if self.eat(')') {
            return Ok(args);
        }
        loop {
            self.skip_ws();
            args.push(self.read_arg()?);
            self.skip_ws();
            if self.eat(')') {
                return Ok(args);
            }
            if !self.eat(',') {
                return Err(self.error("expected ',' or ')'"));
            }
        }
    }

    fn read_arg(&mut self) -> Result<Arg, IntrinsicError> {
        let rest = self.rest();
        match self.peek() {
            Some('\'') => self.read_text(),
            Some('$') => {
                let (path, len) = Path::parse_argument(rest)
                    .map_err(|e| self.error(&format!("invalid path: {}", e.message)))?;
                self.pos += len;
                Ok(Arg::Path(path))
            }
            Some(c) if c == '-' || c.is_ascii_digit() => self.read_number(),
            _ if rest.starts_with("States.") => Ok(Arg::Call(Box::new(self.read_call()?))),
            _ => self.read_keyword(),
        }
    }

    /// Reads a single-quoted string. Only `\'`, `\{`, `\}` and `\\` are legal escapes (AWS
    /// rejects others, e.g. `\"`, at creation); an unescaped `{}` is a Format placeholder.
    fn read_text(&mut self) -> Result<Arg, IntrinsicError> {
        self.bump();
        let mut pieces = Vec::new();
        let mut text = String::new();
        loop {
            match self.bump() {
                None => return Err(self.error("unterminated string literal")),
                Some('\'') => break,
                Some('\\') => match self.bump() {
                    Some(c @ ('\'' | '{' | '}' | '\\')) => text.push(c),
                    _ => return Err(self.error("illegal escape sequence in string literal")),
                },
                Some('{') if self.eat('}') => {
                    pieces.push(Piece::Text(std::mem::take(&mut text)));
                    pieces.push(Piece::Hole);
                }
                Some(c) => text.push(c),
            }
        }
        pieces.push(Piece::Text(text));
        pieces.retain(|p| !matches!(p, Piece::Text(t) if t.is_empty()));
        Ok(Arg::Text(pieces))
    }

    fn read_number(&mut self) -> Result<Arg, IntrinsicError> {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_digit() || "+-.eE".contains(c))
        {
            self.bump();
        }
        let text = self.src.get(start..self.pos).unwrap_or("");
        let number = text
            .parse::<Number>()
            .map_err(|_| self.error("invalid number"))?;
        Ok(Arg::Literal(Value::Number(number)))
    }

    fn read_keyword(&mut self) -> Result<Arg, IntrinsicError> {
        for (word, value) in [
            ("true", Value::Bool(true)),
            ("false", Value::Bool(false)),
            ("null", Value::Null),
        ] {
            let after = self.rest().get(word.len()..).and_then(|r| r.chars().next());
            if self.rest().starts_with(word) && !after.is_some_and(char::is_alphanumeric) {
                self.pos += word.len();
                return Ok(Arg::Literal(value));
            }
        }
        Err(self.error("expected a string, number, boolean, null, path or intrinsic function"))
    }
}

fn check_arity(function: Function, count: usize) -> Result<(), IntrinsicError> {
    let (min, max) = function.arity();
    if count >= min && max.is_none_or(|max| count <= max) {
        return Ok(());
    }
    let expected = match max {
        Some(max) if max == min => format!("exactly {min}"),
        Some(max) => format!("{min} to {max}"),
        None => format!("at least {min}"),
    };
    Err(IntrinsicError {
        message: format!(
            "{} takes {expected} argument(s) but was given {count}",
            function.name()
        ),
    })
}

#[cfg(test)]
mod tests;
