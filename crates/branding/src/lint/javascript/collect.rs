//! The one walk over the syntax tree: records names, member reads, calls and strings.
//!
//! Names are tracked by spelling, not by scope: plugins are small and name their aliases
//! distinctively, and every name bound more than one way counts as uncertain (see `resolve`).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use oxc_ast::ast::{
    Argument, AssignmentExpression, AssignmentOperator, AssignmentTarget, BindingPattern,
    CallExpression, ComputedMemberExpression, Expression, FormalParameter, FormalParameters,
    ObjectPattern, Program, StaticMemberExpression, StringLiteral, TemplateElement,
    VariableDeclarator,
};
use oxc_ast_visit::{walk, Visit};
use oxc_span::{GetSpan, Span};

use super::origins::push_origins;
use super::summary::{def_of, path_of, registered_of, Def, Path, Prop, Registered};

/// `object.prop` read somewhere (or `const { prop } = object`).
#[derive(Debug)]
pub(super) struct MemberUse<'a> {
    pub object: Path<'a>,
    pub prop: &'a str,
    pub span: Span,
}

#[derive(Debug)]
pub(super) struct Call<'a> {
    /// Without a trailing `.call`/`.apply`.
    pub callee: Path<'a>,
    /// The object a `registerPlugin` call would register; kept only for calls that may be one.
    pub registered: Option<Registered<'a>>,
}

/// `object[expression]` with a key that is not a literal.
#[derive(Debug)]
pub(super) struct Computed<'a> {
    pub object: Path<'a>,
    pub span: Span,
}

/// `object.name = value`.
#[derive(Debug)]
pub(super) struct Assigned<'a> {
    pub object: Path<'a>,
    pub prop: Prop<'a>,
}

#[derive(Debug, Default)]
pub(super) struct Collected<'a> {
    pub defs: HashMap<&'a str, Vec<Def<'a>>>,
    pub members: Vec<MemberUse<'a>>,
    pub calls: Vec<Call<'a>>,
    pub computed: Vec<Computed<'a>>,
    pub assigned: Vec<Assigned<'a>>,
    /// Names whose object gets properties in ways the walk can't follow
    /// (`plugin[key] = …`, `Object.assign(plugin, …)`).
    pub reshaped: HashSet<&'a str>,
    /// Sorted, without repeats.
    pub origins: Vec<String>,
}

pub(super) fn collect<'a>(program: &Program<'a>) -> Collected<'a> {
    let mut collector = Collector::default();
    collector.visit_program(program);
    let mut collected = collector.collected;
    collected.origins.sort_unstable();
    collected.origins.dedup();
    collected
}

#[derive(Default)]
struct Collector<'a> {
    collected: Collected<'a>,
    /// Parameters of immediately invoked functions, bound to their arguments already.
    bound_parameters: HashSet<u32>,
}

impl<'a> Collector<'a> {
    fn define(&mut self, name: &'a str, def: Def<'a>) {
        self.collected.defs.entry(name).or_default().push(def);
    }

    fn bind(&mut self, pattern: &BindingPattern<'a>, value: Def<'a>) {
        match pattern {
            BindingPattern::BindingIdentifier(identifier) => {
                self.define(identifier.name.as_str(), value);
            }
            BindingPattern::AssignmentPattern(assignment) => self.bind(&assignment.left, value),
            BindingPattern::ObjectPattern(object) => {
                let source = match value {
                    Def::Path(path) => Some(path),
                    _ => None,
                };
                self.bind_properties(object, source.as_ref());
            }
            BindingPattern::ArrayPattern(_) => self.bind_opaque(pattern),
        }
    }

    /// `const { pluginAPI: { registerPlugin } } = window.PEX` binds `registerPlugin` to
    /// `window.PEX.pluginAPI.registerPlugin`, and reads `pluginAPI` and `registerPlugin`.
    fn bind_properties(&mut self, object: &ObjectPattern<'a>, source: Option<&Path<'a>>) {
        for property in &object.properties {
            let value = match (source, property.key.static_name()) {
                (Some(source), Some(Cow::Borrowed(key))) => {
                    self.collected.members.push(MemberUse {
                        object: source.clone(),
                        prop: key,
                        span: property.key.span(),
                    });
                    source.clone().with(key).map_or(Def::Opaque, Def::Path)
                }
                _ => Def::Opaque,
            };
            self.bind(&property.value, value);
        }
        if let Some(rest) = &object.rest {
            self.bind_opaque(&rest.argument);
        }
    }

    fn bind_opaque(&mut self, pattern: &BindingPattern<'a>) {
        for identifier in pattern.get_binding_identifiers() {
            self.define(identifier.name.as_str(), Def::Opaque);
        }
    }

    /// `(function (api) { … })(PEX.pluginAPI)`, also with `.call(this, PEX.pluginAPI)`.
    fn bind_iife_parameters(&mut self, call: &CallExpression<'a>) {
        let (parameters, skipped) = match function_parameters(&call.callee) {
            Some(parameters) => (parameters, 0),
            None => match called_function(&call.callee).and_then(function_parameters) {
                Some(parameters) => (parameters, 1),
                None => return,
            },
        };
        for (index, parameter) in parameters.items.iter().enumerate() {
            let value = call
                .arguments
                .get(index + skipped)
                .and_then(Argument::as_expression)
                .map_or(Def::Opaque, def_of);
            self.bound_parameters.insert(parameter.span.start);
            self.bind(&parameter.pattern, value);
        }
    }

    fn note_reshaping_call(&mut self, call: &CallExpression<'a>) {
        let reshapes = [
            "assign",
            "defineProperty",
            "defineProperties",
            "setPrototypeOf",
        ]
        .iter()
        .any(|method| call.callee.is_specific_member_access("Object", method));
        if !reshapes {
            return;
        }
        if let Some(Expression::Identifier(target)) =
            call.arguments.first().and_then(Argument::as_expression)
        {
            self.collected.reshaped.insert(target.name.as_str());
        }
    }

    fn record_call(&mut self, call: &CallExpression<'a>) {
        let Some(mut callee) = path_of(&call.callee) else {
            return;
        };
        let argument = match callee.props.last().copied() {
            Some("call") => {
                callee.props.pop();
                call.arguments.get(1)
            }
            Some("apply") => {
                callee.props.pop();
                None
            }
            _ => call.arguments.first(),
        };
        // A bare name may be an alias of `registerPlugin`; anything else must be called so.
        let may_register = callee.props.is_empty() || callee.last_name() == "registerPlugin";
        let registered = may_register.then(|| registered_of(argument, call.span));
        self.collected.calls.push(Call { callee, registered });
    }

    fn record_assignment(&mut self, target: &AssignmentTarget<'a>, value: &Expression<'a>) {
        if let AssignmentTarget::AssignmentTargetIdentifier(identifier) = target {
            self.define(identifier.name.as_str(), def_of(value));
            return;
        }
        let Some(member) = target.as_member_expression() else {
            return;
        };
        let Some(object) = path_of(member.object()) else {
            return;
        };
        match member.static_property_name() {
            Some(name) => self.collected.assigned.push(Assigned {
                object,
                prop: Prop::assigned(name, value),
            }),
            None if object.props.is_empty() => {
                self.collected.reshaped.insert(object.root);
            }
            None => {}
        }
    }
}

fn function_parameters<'b, 'a>(callee: &'b Expression<'a>) -> Option<&'b FormalParameters<'a>> {
    match callee.get_inner_expression() {
        Expression::FunctionExpression(function) => Some(&function.params),
        Expression::ArrowFunctionExpression(arrow) => Some(&arrow.params),
        _ => None,
    }
}

/// `f` in `f.call(…)`.
fn called_function<'b, 'a>(callee: &'b Expression<'a>) -> Option<&'b Expression<'a>> {
    let member = callee.get_inner_expression().as_member_expression()?;
    (member.static_property_name()? == "call").then(|| member.object())
}

impl<'a> Visit<'a> for Collector<'a> {
    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        if let Some(init) = &it.init {
            self.bind(&it.id, def_of(init));
        }
        walk::walk_variable_declarator(self, it);
    }

    fn visit_formal_parameter(&mut self, it: &FormalParameter<'a>) {
        if !self.bound_parameters.contains(&it.span.start) {
            self.bind_opaque(&it.pattern);
        }
        walk::walk_formal_parameter(self, it);
    }

    fn visit_assignment_expression(&mut self, it: &AssignmentExpression<'a>) {
        if it.operator == AssignmentOperator::Assign {
            self.record_assignment(&it.left, &it.right);
        }
        walk::walk_assignment_expression(self, it);
    }

    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        self.bind_iife_parameters(it);
        self.note_reshaping_call(it);
        self.record_call(it);
        walk::walk_call_expression(self, it);
    }

    fn visit_static_member_expression(&mut self, it: &StaticMemberExpression<'a>) {
        if let Some(object) = path_of(&it.object) {
            self.collected.members.push(MemberUse {
                object,
                prop: it.property.name.as_str(),
                span: it.property.span,
            });
        }
        walk::walk_static_member_expression(self, it);
    }

    fn visit_computed_member_expression(&mut self, it: &ComputedMemberExpression<'a>) {
        if let Some(object) = path_of(&it.object) {
            match it.static_property_info() {
                Some((span, prop)) => self
                    .collected
                    .members
                    .push(MemberUse { object, prop, span }),
                None => self.collected.computed.push(Computed {
                    object,
                    span: it.expression.span(),
                }),
            }
        }
        walk::walk_computed_member_expression(self, it);
    }

    fn visit_string_literal(&mut self, it: &StringLiteral<'a>) {
        push_origins(it.value.as_str(), &mut self.collected.origins);
    }

    fn visit_template_element(&mut self, it: &TemplateElement<'a>) {
        let text = it.value.cooked.as_ref().unwrap_or(&it.value.raw);
        push_origins(text.as_str(), &mut self.collected.origins);
    }
}
