//! Small owned summaries of the expressions the checks care about, made during the one walk and
//! resolved after it (a name may be used before the line that defines it).

use std::borrow::Cow;

use oxc_ast::ast::{
    Argument, BinaryOperator, CallExpression, Expression, LogicalOperator, MemberExpression,
    ObjectExpression, ObjectProperty, ObjectPropertyKind, PropertyKind, TemplateLiteral,
};
use oxc_span::{GetSpan, Span};

/// Static property reads from a name: `window.PEX.pluginAPI` is `window` then `PEX`, `pluginAPI`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Path<'a> {
    pub root: &'a str,
    pub props: Vec<&'a str>,
}

impl<'a> Path<'a> {
    /// The last property read, or the name itself.
    pub(super) fn last_name(&self) -> &'a str {
        self.props.last().copied().unwrap_or(self.root)
    }

    fn named(root: &'a str) -> Self {
        Self {
            root,
            props: Vec::new(),
        }
    }

    /// The path one property further; `None` past the longest path worth following.
    pub(super) fn with(mut self, prop: &'a str) -> Option<Self> {
        if self.props.len() >= MAX_PROPS {
            return None;
        }
        self.props.push(prop);
        Some(self)
    }
}

/// Longer paths are no plugin API access (`window.PEX.pluginAPI.registerPlugin.call` has four
/// properties); the cap also keeps the walk linear on long `a.b.c…` chains.
const MAX_PROPS: usize = 6;

/// The path an expression reads, seen through the wrappers bundlers and authors put around it:
/// parentheses, `a || b` / `a ?? b` (the left side), `(0, a.b)`, `a?.b`, `a.b.bind(x)`.
/// `this` counts as a name, so that `this.api.registerPlugin(…)` is seen as a call by that name.
pub(super) fn path_of<'a>(expression: &Expression<'a>) -> Option<Path<'a>> {
    path_within(expression, MAX_PROPS + 4)
}

/// `steps` bounds the wrappers and properties looked through.
fn path_within<'a>(expression: &Expression<'a>, steps: usize) -> Option<Path<'a>> {
    let steps = steps.checked_sub(1)?;
    match expression.get_inner_expression() {
        Expression::Identifier(identifier) => Some(Path::named(identifier.name.as_str())),
        Expression::ThisExpression(_) => Some(Path::named("this")),
        Expression::ChainExpression(chain) => {
            member_path(chain.expression.member_expression()?, steps)
        }
        Expression::LogicalExpression(logical) if logical.operator != LogicalOperator::And => {
            path_within(&logical.left, steps)
        }
        Expression::SequenceExpression(sequence) => {
            path_within(sequence.expressions.last()?, steps)
        }
        Expression::CallExpression(call) => path_within(bound_function(call)?, steps),
        other => member_path(other.as_member_expression()?, steps),
    }
}

fn member_path<'a>(member: &MemberExpression<'a>, steps: usize) -> Option<Path<'a>> {
    let property = member.static_property_name()?;
    path_within(member.object(), steps)?.with(property)
}

/// `f` in `f.bind(x)`.
fn bound_function<'b, 'a>(call: &'b CallExpression<'a>) -> Option<&'b Expression<'a>> {
    let member = call.callee.get_inner_expression().as_member_expression()?;
    (member.static_property_name()? == "bind").then(|| member.object())
}

/// A piece of a string built from literals and names: `PREFIX + '-1.0'`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part<'a> {
    Text(&'a str),
    Name(&'a str),
}

/// The parts of a string made of literals, templates, names and `+`; `None` for anything else.
pub(super) fn string_parts<'a>(expression: &Expression<'a>) -> Option<Vec<Part<'a>>> {
    let mut parts = Vec::new();
    push_string_parts(expression, &mut parts).then_some(parts)
}

fn push_string_parts<'a>(expression: &Expression<'a>, parts: &mut Vec<Part<'a>>) -> bool {
    match expression.get_inner_expression() {
        Expression::StringLiteral(literal) => {
            parts.push(Part::Text(literal.value.as_str()));
            true
        }
        Expression::TemplateLiteral(template) => push_template_parts(template, parts),
        Expression::BinaryExpression(binary) if binary.operator == BinaryOperator::Addition => {
            push_string_parts(&binary.left, parts) && push_string_parts(&binary.right, parts)
        }
        Expression::Identifier(identifier) => {
            parts.push(Part::Name(identifier.name.as_str()));
            true
        }
        _ => false,
    }
}

fn push_template_parts<'a>(template: &TemplateLiteral<'a>, parts: &mut Vec<Part<'a>>) -> bool {
    for (index, quasi) in template.quasis.iter().enumerate() {
        let Some(cooked) = quasi.value.cooked.as_ref() else {
            return false;
        };
        parts.push(Part::Text(cooked.as_str()));
        if let Some(expression) = template.expressions.get(index) {
            if !push_string_parts(expression, parts) {
                return false;
            }
        }
    }
    true
}

/// Whether a value can be called, as far as its syntax tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Callable {
    Yes,
    No,
    Maybe,
}

fn callable(expression: &Expression<'_>) -> Callable {
    match expression.get_inner_expression() {
        Expression::FunctionExpression(_) | Expression::ArrowFunctionExpression(_) => Callable::Yes,
        Expression::BooleanLiteral(_)
        | Expression::NullLiteral(_)
        | Expression::NumericLiteral(_)
        | Expression::BigIntLiteral(_)
        | Expression::StringLiteral(_)
        | Expression::TemplateLiteral(_)
        | Expression::RegExpLiteral(_)
        | Expression::ObjectExpression(_)
        | Expression::ArrayExpression(_) => Callable::No,
        Expression::Identifier(identifier) if identifier.name == "undefined" => Callable::No,
        _ => Callable::Maybe,
    }
}

/// One property of an object literal, or one `object.name = value` assignment.
#[derive(Debug, Clone)]
pub(super) struct Prop<'a> {
    /// `None` for a spread or a computed key: any property may come from it.
    pub key: Option<Cow<'a, str>>,
    pub span: Span,
    pub callable: Callable,
    /// The value as a string, kept for `id` only.
    pub string: Option<Vec<Part<'a>>>,
}

impl<'a> Prop<'a> {
    pub(super) fn assigned(name: &'a str, value: &Expression<'a>) -> Self {
        Self {
            key: Some(Cow::Borrowed(name)),
            span: value.span(),
            callable: callable(value),
            string: if name == "id" {
                string_parts(value)
            } else {
                None
            },
        }
    }

    fn of_literal(property: &ObjectProperty<'a>) -> Self {
        let key = property.key.static_name();
        let plain = property.kind == PropertyKind::Init && !property.method;
        let callable = match (property.method, plain) {
            (true, _) => Callable::Yes,
            (false, true) => callable(&property.value),
            (false, false) => Callable::Maybe,
        };
        let string = (plain && key.as_deref() == Some("id"))
            .then(|| string_parts(&property.value))
            .flatten();
        Self {
            key,
            span: property.value.span(),
            callable,
            string,
        }
    }

    fn spread(span: Span) -> Self {
        Self {
            key: None,
            span,
            callable: Callable::Maybe,
            string: None,
        }
    }
}

#[derive(Debug, Clone)]
pub(super) struct ObjectSummary<'a> {
    pub span: Span,
    pub props: Vec<Prop<'a>>,
}

pub(super) fn summarize_object<'a>(object: &ObjectExpression<'a>) -> ObjectSummary<'a> {
    let props = object
        .properties
        .iter()
        .map(|property| match property {
            ObjectPropertyKind::ObjectProperty(property) => Prop::of_literal(property),
            ObjectPropertyKind::SpreadProperty(spread) => Prop::spread(spread.span),
        })
        .collect();
    ObjectSummary {
        span: object.span,
        props,
    }
}

/// What a name is bound to by one declaration or assignment.
#[derive(Debug, Clone)]
pub(super) enum Def<'a> {
    Path(Path<'a>),
    Text(Vec<Part<'a>>),
    Object(ObjectSummary<'a>),
    Opaque,
}

pub(super) fn def_of<'a>(expression: &Expression<'a>) -> Def<'a> {
    if let Expression::ObjectExpression(object) = expression.get_inner_expression() {
        return Def::Object(summarize_object(object));
    }
    if let Some(path) = path_of(expression) {
        return Def::Path(path);
    }
    string_parts(expression).map_or(Def::Opaque, Def::Text)
}

/// The argument of a `registerPlugin` call.
#[derive(Debug, Clone)]
pub(super) enum Registered<'a> {
    Object(ObjectSummary<'a>),
    Name(&'a str, Span),
    /// A literal that is no object (e.g. the name argument of another library's `registerPlugin`).
    NotObject(Span),
    /// Built at run time (a call, `new`, a member…), a spread, or absent.
    Other(Span),
}

pub(super) fn registered_of<'a>(argument: Option<&Argument<'a>>, call: Span) -> Registered<'a> {
    let Some(expression) = argument.and_then(Argument::as_expression) else {
        return Registered::Other(argument.map_or(call, GetSpan::span));
    };
    match expression.get_inner_expression() {
        Expression::ObjectExpression(object) => Registered::Object(summarize_object(object)),
        Expression::Identifier(identifier) => {
            Registered::Name(identifier.name.as_str(), identifier.span)
        }
        other if callable(other) == Callable::No => Registered::NotObject(other.span()),
        other => Registered::Other(other.span()),
    }
}
