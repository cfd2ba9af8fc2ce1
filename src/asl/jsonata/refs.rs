//! The `$name`s an expression mentions, found once in its syntax tree.

use super::STATES;
use jsonata_core::ast::{AstNode, BinaryOp, PathStep, Stage};
use jsonata_core::value::with_stack;
use std::collections::BTreeSet;

/// Names read as `$name` and names called as `$name(...)`, without the `$`.
#[derive(Debug)]
pub(super) struct References {
    /// `$name` read as a value.
    pub variables: BTreeSet<String>,
    /// `$name(...)` called.
    pub functions: BTreeSet<String>,
    /// The members of `$states` read as `$states.member`; `None` when `$states` is used in
    /// any other way (whole, filtered, or reachable through the parent operator `%`).
    pub states_members: Option<BTreeSet<String>>,
    /// Whether a `:=` has something other than a variable (`$x`, `$`, `$$`) on its left
    /// (`$a[1] := 3`), which jsonata-js refuses when parsing (S0212) and jsonata-core only
    /// when evaluating it.
    pub misplaced_binding: bool,
}

impl References {
    /// Walks the whole tree of `ast`.
    pub fn of(ast: &AstNode) -> References {
        let mut refs = References {
            variables: BTreeSet::new(),
            functions: BTreeSet::new(),
            states_members: Some(BTreeSet::new()),
            misplaced_binding: false,
        };
        refs.node(ast);
        refs
    }

    /// Records `$states.member` when `steps` starts with it, and walks the steps after
    /// `$states`; `false` when they do not start that way.
    fn states_member(&mut self, steps: &[PathStep]) -> bool {
        let [first, second, ..] = steps else {
            return false;
        };
        let plain = first.stages.is_empty()
            && first.focus.is_none()
            && first.index_var.is_none()
            && first.ancestor_label.is_none();
        match (&first.node, &second.node) {
            (AstNode::Variable(name), AstNode::Name(member)) if plain && name == STATES => {
                self.variables.insert(STATES.to_owned());
                if let Some(members) = &mut self.states_members {
                    members.insert(member.clone());
                }
                steps[1..].iter().for_each(|step| self.step(step));
                true
            }
            _ => false,
        }
    }

    fn nodes<'a>(&mut self, nodes: impl IntoIterator<Item = &'a AstNode>) {
        for node in nodes {
            self.node(node);
        }
    }

    fn pairs(&mut self, pairs: &[(AstNode, AstNode)]) {
        for (key, value) in pairs {
            self.node(key);
            self.node(value);
        }
    }

    fn step(&mut self, step: &PathStep) {
        self.node(&step.node);
        for stage in &step.stages {
            if let Stage::Filter(filter) = stage {
                self.node(filter);
            }
        }
    }

    // Every variant is listed, so a new one in a jsonata-core upgrade fails to compile here
    // rather than hiding a variable.
    fn node(&mut self, node: &AstNode) {
        // The parser allows deep nesting; grow the stack rather than overflow it.
        with_stack(|| match node {
            AstNode::String(_)
            | AstNode::Name(_)
            | AstNode::Number(_)
            | AstNode::Boolean(_)
            | AstNode::Null
            | AstNode::Undefined
            | AstNode::Placeholder
            | AstNode::Regex { .. }
            | AstNode::ParentVariable(_)
            | AstNode::Wildcard
            | AstNode::Descendant => {}
            // `%` can climb from `$states.member` to `$states` itself.
            AstNode::Parent(_) => self.states_members = None,
            AstNode::Variable(name) => {
                if name == STATES {
                    self.states_members = None;
                }
                self.variables.insert(name.clone());
            }
            AstNode::Path { steps } => {
                if !self.states_member(steps) {
                    steps.iter().for_each(|step| self.step(step));
                }
            }
            AstNode::Binary { op, lhs, rhs } => {
                let variable = matches!(**lhs, AstNode::Variable(_) | AstNode::ParentVariable(_));
                if *op == BinaryOp::ColonEqual && !variable {
                    self.misplaced_binding = true;
                }
                self.nodes([&**lhs, &**rhs]);
            }
            AstNode::Unary { operand, .. } => self.node(operand),
            AstNode::Function { name, args, .. } => {
                self.functions.insert(name.clone());
                self.nodes(args);
            }
            AstNode::Call { procedure, args } => {
                self.node(procedure);
                self.nodes(args);
            }
            AstNode::Lambda { body, .. } => self.node(body),
            AstNode::Array(items) | AstNode::Block(items) | AstNode::ArrayGroup(items) => {
                self.nodes(items);
            }
            AstNode::Object(pairs) => self.pairs(pairs),
            AstNode::ObjectTransform { input, pattern } => {
                self.node(input);
                self.pairs(pattern);
            }
            AstNode::Conditional {
                condition,
                then_branch,
                else_branch,
            } => {
                self.nodes([&**condition, &**then_branch]);
                self.nodes(else_branch.as_deref());
            }
            AstNode::FunctionApplication(inner) => self.node(inner),
            AstNode::Sort { input, terms } => {
                self.node(input);
                self.nodes(terms.iter().map(|(term, _)| term));
            }
            AstNode::Transform {
                location,
                update,
                delete,
            } => {
                self.nodes([&**location, &**update]);
                self.nodes(delete.as_deref());
            }
        });
    }
}
