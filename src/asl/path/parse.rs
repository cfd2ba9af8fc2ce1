//! Recursive-descent parser for the Jayway JSONPath dialect.
//!
//! The parser works directly on the characters of the path: the grammar is small enough that a
//! separate token stream would only add a second copy of the same decisions. Each `read_*`
//! method consumes one construct and leaves the cursor just behind it.

use serde_json::{Number, Value};

use super::{PathError, Root};

/// Filters and parentheses may nest at most this deep, so hostile input cannot exhaust the stack.
const MAX_DEPTH: usize = 32;

/// One step of a path.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Segment {
    /// `.name`, `[...]`: applies the selector to the current node.
    Child(Selector),
    /// `..name`, `..*`, `..[...]`: applies the selector to the current node and every descendant.
    Descendant(Selector),
}

/// What a segment picks out of a node.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Selector {
    /// `.name` or `['name']`.
    Name(String),
    /// `['a','b']`: at the leaf, Jayway merges these into one object.
    Names(Vec<String>),
    /// `[3]`, `[-1]`.
    Index(i64),
    /// `[0,2]`.
    Indices(Vec<i64>),
    /// `*` or `[*]`.
    Wildcard,
    /// `[start:end:step]`.
    Slice(Slice),
    /// `[?(...)]`.
    Filter(Box<Filter>),
}

/// The bounds of an array slice; missing bounds default by the sign of the step.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Slice {
    pub(super) start: Option<i64>,
    pub(super) end: Option<i64>,
    pub(super) step: i64,
}

/// A filter expression, `[?( ... )]`.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Filter {
    Or(Box<Filter>, Box<Filter>),
    And(Box<Filter>, Box<Filter>),
    Not(Box<Filter>),
    /// A bare path: true when it selects something.
    Exists(Operand),
    Compare(Operand, CmpOp, Operand),
}

/// One side of a filter comparison.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Operand {
    /// `@...`: relative to the node being tested.
    Current(Vec<Segment>),
    /// `$...`, `$$...`, `$var...`: from one of the roots.
    Rooted(Root, Vec<Segment>),
    /// A literal, or a `[...]` list of literals for `in` / `nin`.
    Literal(Value),
}

/// Filter comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    Nin,
}

/// Where a path is embedded; this decides which characters end a dotted name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// A whole field value such as `InputPath`: names run up to `.`, `[` or `(`.
    Whole,
    /// An intrinsic-function argument: names also stop at `,` and `)`.
    Argument,
    /// Inside a filter: names also stop at operators and brackets.
    Filter,
}

/// The result of parsing: the root, the segments and the byte offset where parsing stopped.
pub(super) struct Parsed {
    pub(super) root: Root,
    pub(super) segments: Vec<Segment>,
    pub(super) end: usize,
}

/// Parses a path that starts at the beginning of `src` and may be followed by other text.
pub(super) fn parse_prefix(src: &str, mode: Mode) -> Result<Parsed, PathError> {
    let mut p = Parser {
        src,
        pos: 0,
        depth: 0,
    };
    let (root, segments) = p.read_path(mode)?;
    Ok(Parsed {
        root,
        segments,
        end: p.pos,
    })
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

    fn eat_str(&mut self, s: &str) -> bool {
        let found = self.rest().starts_with(s);
        if found {
            self.pos += s.len();
        }
        found
    }

    fn skip_ws(&mut self) {
        while let Some(c) = self.peek().filter(|c| c.is_whitespace()) {
            self.pos += c.len_utf8();
        }
    }

    fn error(&self, what: &str) -> PathError {
        PathError {
            message: format!("{what} at position {} in '{}'", self.pos, self.src),
        }
    }

    fn expect(&mut self, c: char) -> Result<(), PathError> {
        self.skip_ws();
        if self.eat(c) {
            Ok(())
        } else {
            Err(self.error(&format!("expected '{c}'")))
        }
    }

    fn enter(&mut self) -> Result<(), PathError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error("expression nested too deeply"));
        }
        Ok(())
    }

    fn read_path(&mut self, mode: Mode) -> Result<(Root, Vec<Segment>), PathError> {
        let root = self.read_root()?;
        let segments = self.read_segments(mode)?;
        Ok((root, segments))
    }

    fn read_root(&mut self) -> Result<Root, PathError> {
        if !self.eat('$') {
            return Err(self.error("a path must start with '$'"));
        }
        if self.eat('$') {
            return Ok(Root::Context);
        }
        let start = self.pos;
        while self.peek().is_some_and(is_ident_char) {
            self.bump();
        }
        Ok(match self.src.get(start..self.pos) {
            Some(name) if !name.is_empty() => Root::Variable(name.to_owned()),
            _ => Root::Input,
        })
    }

    fn read_segments(&mut self, mode: Mode) -> Result<Vec<Segment>, PathError> {
        let mut segments = Vec::new();
        loop {
            if self.eat_str("..") {
                segments.push(Segment::Descendant(self.read_after_dot(mode, true)?));
            } else if self.eat('.') {
                segments.push(Segment::Child(self.read_after_dot(mode, false)?));
            } else if self.peek() == Some('[') {
                segments.push(Segment::Child(self.read_bracket()?));
            } else {
                return Ok(segments);
            }
        }
    }

    /// Reads what follows `.` or `..`: `*`, a name, or (after `..` only) a bracket.
    fn read_after_dot(&mut self, mode: Mode, descendant: bool) -> Result<Selector, PathError> {
        if self.eat('*') {
            return Ok(Selector::Wildcard);
        }
        if descendant && self.peek() == Some('[') {
            return self.read_bracket();
        }
        let start = self.pos;
        while self.peek().is_some_and(|c| !ends_name(c, mode)) {
            self.bump();
        }
        let name = self.src.get(start..self.pos).unwrap_or("");
        if self.peek() == Some('(') {
            return Err(self.error("path functions such as length() are not supported"));
        }
        if name.is_empty() {
            return Err(self.error("expected a property name"));
        }
        Ok(Selector::Name(name.to_owned()))
    }

    fn read_bracket(&mut self) -> Result<Selector, PathError> {
        self.expect('[')?;
        self.skip_ws();
        let selector = match self.peek() {
            Some('*') => {
                self.bump();
                Selector::Wildcard
            }
            Some('?') => {
                self.bump();
                self.read_filter_selector()?
            }
            Some('\'' | '"') => self.read_names()?,
            Some(c) if c == '-' || c == ':' || c.is_ascii_digit() => self.read_indices()?,
            _ => return Err(self.error("expected a name, index, slice, '*' or filter")),
        };
        self.expect(']')?;
        Ok(selector)
    }

    fn read_filter_selector(&mut self) -> Result<Selector, PathError> {
        self.expect('(')?;
        let filter = self.read_or()?;
        self.expect(')')?;
        Ok(Selector::Filter(Box::new(filter)))
    }

    fn read_names(&mut self) -> Result<Selector, PathError> {
        let mut names = vec![self.read_quoted()?];
        loop {
            self.skip_ws();
            if !self.eat(',') {
                break;
            }
            self.skip_ws();
            names.push(self.read_quoted()?);
        }
        Ok(match names.pop() {
            Some(only) if names.is_empty() => Selector::Name(only),
            Some(last) => {
                names.push(last);
                Selector::Names(names)
            }
            None => return Err(self.error("expected a name")),
        })
    }

    /// Reads a quoted string. A backslash escapes the quote and itself; any other backslash is
    /// kept, because AWS reads `$['a\"b']` as the key `a\"b`.
    fn read_quoted(&mut self) -> Result<String, PathError> {
        let quote = match self.bump() {
            Some(q @ ('\'' | '"')) => q,
            _ => return Err(self.error("expected a quoted string")),
        };
        let mut out = String::new();
        loop {
            match self.bump() {
                None => return Err(self.error("unterminated string")),
                Some(c) if c == quote => return Ok(out),
                Some('\\') => match self.peek() {
                    Some(c) if c == quote || c == '\\' => {
                        self.bump();
                        out.push(c);
                    }
                    _ => out.push('\\'),
                },
                Some(c) => out.push(c),
            }
        }
    }

    fn read_indices(&mut self) -> Result<Selector, PathError> {
        let first = self.read_opt_int()?;
        self.skip_ws();
        if self.peek() == Some(':') {
            return self.read_slice(first);
        }
        let Some(first) = first else {
            return Err(self.error("expected an index"));
        };
        let mut indices = vec![first];
        while self.eat(',') {
            self.skip_ws();
            indices.push(self.read_int()?);
            self.skip_ws();
        }
        Ok(if indices.len() == 1 {
            Selector::Index(first)
        } else {
            Selector::Indices(indices)
        })
    }

    fn read_slice(&mut self, start: Option<i64>) -> Result<Selector, PathError> {
        self.expect(':')?;
        let end = self.read_opt_int()?;
        self.skip_ws();
        let step = if self.eat(':') {
            self.read_opt_int()?.unwrap_or(1)
        } else {
            1
        };
        if step == 0 {
            return Err(self.error("slice step cannot be zero"));
        }
        Ok(Selector::Slice(Slice { start, end, step }))
    }

    fn read_opt_int(&mut self) -> Result<Option<i64>, PathError> {
        self.skip_ws();
        match self.peek() {
            Some(c) if c == '-' || c.is_ascii_digit() => self.read_int().map(Some),
            _ => Ok(None),
        }
    }

    fn read_int(&mut self) -> Result<i64, PathError> {
        let start = self.pos;
        self.eat('-');
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.bump();
        }
        let text = self.src.get(start..self.pos).unwrap_or("");
        text.parse().map_err(|_| self.error("expected an integer"))
    }

    fn read_or(&mut self) -> Result<Filter, PathError> {
        self.enter()?;
        let mut left = self.read_and()?;
        loop {
            self.skip_ws();
            if !self.eat_str("||") {
                break;
            }
            left = Filter::Or(Box::new(left), Box::new(self.read_and()?));
        }
        self.depth -= 1;
        Ok(left)
    }

    fn read_and(&mut self) -> Result<Filter, PathError> {
        let mut left = self.read_unary()?;
        loop {
            self.skip_ws();
            if !self.eat_str("&&") {
                break;
            }
            left = Filter::And(Box::new(left), Box::new(self.read_unary()?));
        }
        Ok(left)
    }

    fn read_unary(&mut self) -> Result<Filter, PathError> {
        self.skip_ws();
        if self.eat('!') {
            self.enter()?;
            let inner = self.read_unary()?;
            self.depth -= 1;
            return Ok(Filter::Not(Box::new(inner)));
        }
        if self.eat('(') {
            let inner = self.read_or()?;
            self.expect(')')?;
            return Ok(inner);
        }
        self.read_comparison()
    }

    fn read_comparison(&mut self) -> Result<Filter, PathError> {
        let left = self.read_operand()?;
        self.skip_ws();
        match self.read_op()? {
            Some(op) => Ok(Filter::Compare(left, op, self.read_operand()?)),
            None if matches!(left, Operand::Literal(_)) => {
                Err(self.error("expected a comparison operator"))
            }
            None => Ok(Filter::Exists(left)),
        }
    }

    fn read_op(&mut self) -> Result<Option<CmpOp>, PathError> {
        if self.rest().starts_with("=~") {
            return Err(self.error("regular-expression filters (=~) are not supported"));
        }
        const OPS: [(&str, CmpOp); 6] = [
            ("==", CmpOp::Eq),
            ("!=", CmpOp::Ne),
            ("<=", CmpOp::Le),
            (">=", CmpOp::Ge),
            ("<", CmpOp::Lt),
            (">", CmpOp::Gt),
        ];
        for (text, op) in OPS {
            if self.eat_str(text) {
                return Ok(Some(op));
            }
        }
        for (word, op) in [("nin", CmpOp::Nin), ("in", CmpOp::In)] {
            let rest = self.rest();
            let after = rest.get(word.len()..).and_then(|r| r.chars().next());
            if rest.starts_with(word) && !after.is_some_and(is_ident_char) {
                self.pos += word.len();
                return Ok(Some(op));
            }
        }
        Ok(None)
    }

    fn read_operand(&mut self) -> Result<Operand, PathError> {
        self.skip_ws();
        match self.peek() {
            Some('@') => {
                self.bump();
                Ok(Operand::Current(self.read_segments(Mode::Filter)?))
            }
            Some('$') => {
                let (root, segments) = self.read_path(Mode::Filter)?;
                Ok(Operand::Rooted(root, segments))
            }
            Some('/') => Err(self.error("regular-expression filters (=~) are not supported")),
            _ => self.read_literal().map(Operand::Literal),
        }
    }

    fn read_literal(&mut self) -> Result<Value, PathError> {
        match self.peek() {
            Some('\'' | '"') => self.read_quoted().map(Value::String),
            Some('[') => self.read_list(),
            Some(c) if c == '-' || c.is_ascii_digit() => self.read_number(),
            _ => self.read_keyword(),
        }
    }

    fn read_list(&mut self) -> Result<Value, PathError> {
        self.expect('[')?;
        let mut items = Vec::new();
        self.skip_ws();
        if self.eat(']') {
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_ws();
            items.push(self.read_literal()?);
            self.skip_ws();
            if self.eat(']') {
                return Ok(Value::Array(items));
            }
            self.expect(',')?;
        }
    }

    fn read_number(&mut self) -> Result<Value, PathError> {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_digit() || "+-.eE".contains(c))
        {
            self.bump();
        }
        let text = self.src.get(start..self.pos).unwrap_or("");
        text.parse::<Number>()
            .map(Value::Number)
            .map_err(|_| self.error("invalid number"))
    }

    fn read_keyword(&mut self) -> Result<Value, PathError> {
        for (word, value) in [
            ("true", Value::Bool(true)),
            ("false", Value::Bool(false)),
            ("null", Value::Null),
        ] {
            if self.eat_str(word) {
                return Ok(value);
            }
        }
        Err(self.error("expected a path, a literal or '('"))
    }
}

/// Characters of a variable name (`$name`).
fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether `c` ends a dotted name. Jayway is permissive (`$.detail-type`), so only characters
/// that start the next construct of the surrounding syntax end a name.
fn ends_name(c: char, mode: Mode) -> bool {
    if c == '.' || c == '[' || c == '(' || c.is_whitespace() {
        return true;
    }
    match mode {
        Mode::Whole => false,
        Mode::Argument => c == ',' || c == ')',
        Mode::Filter => "),]=!<>&|".contains(c),
    }
}
