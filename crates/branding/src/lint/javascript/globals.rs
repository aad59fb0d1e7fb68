//! Declarations that land in the page's global scope: everything declared at the top level of a
//! classic script, plus `var`s in top-level blocks and loops (they are hoisted out of them).

use std::collections::HashMap;

use oxc_ast::ast::{
    ForStatementInit, ForStatementLeft, Program, Statement, VariableDeclaration,
    VariableDeclarationKind,
};
use oxc_span::GetSpan;

use super::checks::{JS_SYNTAX, TOP_LEVEL_DECLARATION};
use super::position::Reporter;
use crate::finding::Severity;

struct Declaration<'a> {
    keyword: &'static str,
    names: Vec<&'a str>,
    offset: u32,
}

impl Declaration<'_> {
    fn is_lexical(&self) -> bool {
        matches!(self.keyword, "let" | "const" | "class" | "using")
    }
}

pub(super) fn check_top_level(reporter: &mut Reporter<'_>, program: &Program<'_>) {
    let mut declared: HashMap<&str, bool> = HashMap::new();
    for statement in &program.body {
        for declaration in declarations(statement) {
            report_global(reporter, &declaration);
            check_redeclaration(reporter, &declaration, &mut declared);
        }
    }
}

fn report_global(reporter: &mut Reporter<'_>, declaration: &Declaration<'_>) {
    let names = declaration.names.join("`, `");
    let message = if declaration.is_lexical() {
        format!(
            "top-level `{}` `{names}` lives in the page's global scope: another script \
             declaring the same name fails to load",
            declaration.keyword
        )
    } else {
        format!(
            "top-level `{}` `{names}` becomes a property of `window`, shared with the app \
             and every other plugin",
            declaration.keyword
        )
    };
    reporter.report(
        declaration.offset,
        Severity::Warning,
        TOP_LEVEL_DECLARATION,
        message,
        Some(
            "wrap the whole plugin in an IIFE, `(function () { … })();`, as the plugin API \
             document asks"
                .to_owned(),
        ),
    );
}

/// A `let`/`const`/`class` name declared twice is an early error: the browser runs none of the
/// script.
fn check_redeclaration<'a>(
    reporter: &mut Reporter<'_>,
    declaration: &Declaration<'a>,
    declared: &mut HashMap<&'a str, bool>,
) {
    let lexical = declaration.is_lexical();
    for name in &declaration.names {
        let earlier_lexical = declared.get(name).copied();
        if earlier_lexical.is_some_and(|earlier| earlier || lexical) {
            reporter.report(
                declaration.offset,
                Severity::Error,
                JS_SYNTAX,
                format!("syntax error: `{name}` has already been declared at the top level"),
                Some(
                    "a `let`, `const` or `class` name can't be declared again in the same scope"
                        .to_owned(),
                ),
            );
        }
        declared.insert(name, earlier_lexical.unwrap_or(false) || lexical);
    }
}

fn declarations<'a>(statement: &Statement<'a>) -> Vec<Declaration<'a>> {
    match statement {
        Statement::VariableDeclaration(variables) => variable_declarations(variables),
        Statement::FunctionDeclaration(function) => named("function", function.id.as_ref()),
        Statement::ClassDeclaration(class) => named("class", class.id.as_ref()),
        other => {
            let mut hoisted = Vec::new();
            push_hoisted_vars(other, &mut hoisted);
            hoisted
                .into_iter()
                .flat_map(variable_declarations)
                .collect()
        }
    }
}

fn named<'a>(
    keyword: &'static str,
    identifier: Option<&oxc_ast::ast::BindingIdentifier<'a>>,
) -> Vec<Declaration<'a>> {
    identifier
        .map(|identifier| Declaration {
            keyword,
            names: vec![identifier.name.as_str()],
            offset: identifier.span.start,
        })
        .into_iter()
        .collect()
}

fn variable_declarations<'a>(variables: &VariableDeclaration<'a>) -> Vec<Declaration<'a>> {
    let keyword = match variables.kind {
        VariableDeclarationKind::Var => "var",
        VariableDeclarationKind::Let => "let",
        VariableDeclarationKind::Const => "const",
        VariableDeclarationKind::Using | VariableDeclarationKind::AwaitUsing => "using",
    };
    variables
        .declarations
        .iter()
        .map(|declarator| Declaration {
            keyword,
            names: declarator
                .id
                .get_binding_identifiers()
                .iter()
                .map(|identifier| identifier.name.as_str())
                .collect(),
            offset: declarator.id.span().start,
        })
        .filter(|declaration| !declaration.names.is_empty())
        .collect()
}

/// `var`s inside top-level statements other than functions: they are globals too.
fn push_hoisted_vars<'s, 'a>(
    statement: &'s Statement<'a>,
    found: &mut Vec<&'s VariableDeclaration<'a>>,
) {
    match statement {
        Statement::VariableDeclaration(variables) => push_if_var(variables, found),
        Statement::BlockStatement(block) => push_all(&block.body, found),
        Statement::IfStatement(branch) => {
            push_hoisted_vars(&branch.consequent, found);
            if let Some(alternate) = &branch.alternate {
                push_hoisted_vars(alternate, found);
            }
        }
        Statement::ForStatement(for_loop) => {
            if let Some(ForStatementInit::VariableDeclaration(variables)) = &for_loop.init {
                push_if_var(variables, found);
            }
            push_hoisted_vars(&for_loop.body, found);
        }
        Statement::ForInStatement(for_in) => {
            if let ForStatementLeft::VariableDeclaration(variables) = &for_in.left {
                push_if_var(variables, found);
            }
            push_hoisted_vars(&for_in.body, found);
        }
        Statement::ForOfStatement(for_of) => {
            if let ForStatementLeft::VariableDeclaration(variables) = &for_of.left {
                push_if_var(variables, found);
            }
            push_hoisted_vars(&for_of.body, found);
        }
        Statement::WhileStatement(while_loop) => push_hoisted_vars(&while_loop.body, found),
        Statement::DoWhileStatement(do_while) => push_hoisted_vars(&do_while.body, found),
        Statement::LabeledStatement(labeled) => push_hoisted_vars(&labeled.body, found),
        Statement::WithStatement(with) => push_hoisted_vars(&with.body, found),
        Statement::TryStatement(attempt) => {
            push_all(&attempt.block.body, found);
            if let Some(handler) = &attempt.handler {
                push_all(&handler.body.body, found);
            }
            if let Some(finalizer) = &attempt.finalizer {
                push_all(&finalizer.body, found);
            }
        }
        Statement::SwitchStatement(switch) => {
            for case in &switch.cases {
                push_all(&case.consequent, found);
            }
        }
        _ => {}
    }
}

fn push_all<'s, 'a>(statements: &'s [Statement<'a>], found: &mut Vec<&'s VariableDeclaration<'a>>) {
    for statement in statements {
        push_hoisted_vars(statement, found);
    }
}

fn push_if_var<'s, 'a>(
    variables: &'s VariableDeclaration<'a>,
    found: &mut Vec<&'s VariableDeclaration<'a>>,
) {
    if variables.kind == VariableDeclarationKind::Var {
        found.push(variables);
    }
}
