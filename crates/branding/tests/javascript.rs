//! The plugin script checks: every finding at its line and column, and realistic plugins of every
//! published style (IIFE, webpack 4 and 5 bundles, TypeScript output, event-listener registration,
//! aliases of the API) without a single error.

use plugboard_branding::lint::javascript::{
    lint_plugin_script, MenuAction, PluginScript, ScriptFacts, KNOWN_PLUGIN_API,
};
use plugboard_branding::{Finding, Severity};

const SCRIPT: &str = "plugins/demo/demo.plugin.js";
const PACKAGE: &str = "plugins/demo/demo.plugin.package.json";

/// Menu actions as the package JSON would name them: the n-th at line 10 + n, column 19.
fn actions(names: &[&str]) -> Vec<MenuAction> {
    names
        .iter()
        .zip(10..)
        .map(|(name, line)| MenuAction {
            action: (*name).to_owned(),
            file: PACKAGE.to_owned(),
            line,
            column: 19,
        })
        .collect()
}

fn lint(source: &str, package_id: &str, menu_actions: &[&str]) -> (Vec<Finding>, ScriptFacts) {
    let menu_actions = actions(menu_actions);
    lint_plugin_script(&PluginScript {
        file: SCRIPT,
        source,
        package_id,
        menu_actions: &menu_actions,
    })
}

/// `(code, severity, line, column)` of every finding.
fn summary(findings: &[Finding]) -> Vec<(&'static str, Severity, u32, u32)> {
    findings
        .iter()
        .map(|finding| (finding.code, finding.severity, finding.line, finding.column))
        .collect()
}

fn assert_clean(source: &str, package_id: &str, menu_actions: &[&str]) -> ScriptFacts {
    let (findings, facts) = lint(source, package_id, menu_actions);
    assert!(
        findings.is_empty(),
        "expected no findings, got {findings:#?}"
    );
    facts
}

fn assert_no_errors(findings: &[Finding]) {
    let errors: Vec<_> = findings
        .iter()
        .filter(|finding| finding.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "expected no errors, got {errors:#?}");
}

// ---------------------------------------------------------------------------------------------
// Clean plugins of every published style
// ---------------------------------------------------------------------------------------------

const RECORDING_IIFE: &str = r##"// Records the conference by dialling out to a streaming alias.
(function () {
  var state$ = window.PEX.pluginAPI.createNewState({});
  var recorderUuid;
  var busy = false;

  function load(participants$, conferenceDetails$) {
    participants$.subscribe(function (participants) {
      var recording = participants.some(function (p) {
        return p.uuid === recorderUuid && p.isStreaming;
      });
      state$.next(recording
        ? { icon: 'stop.svg#stop', label: 'Stop recording' }
        : { icon: 'record.svg#record', label: 'Start recording' });
    });
  }

  function recordConference(participants) {
    if (busy) {
      return;
    }
    PEX.pluginAPI
      .openTemplateDialog({
        title: 'Recording alias',
        body: `<form><input id="recAlias" class="pex-text-input"/>
               <button class="dialog-button green-action-button" id="recGo">Start</button></form>`
      })
      .then(function (dialogRef) {
        document.getElementById('recGo').addEventListener('click', function (event) {
          event.preventDefault();
          busy = true;
          window.PEX.pluginAPI.dialOut(localStorage.recAlias, 'auto', 'guest', function (reply) {
            busy = false;
            recorderUuid = reply.result[0];
            dialogRef.close();
          }, { streaming: true });
        });
      });
  }

  function unload() {
    recorderUuid = undefined;
  }

  PEX.pluginAPI.registerPlugin({
    id: 'recording-plugin-1.0',
    load: load,
    unload: unload,
    recordConference: recordConference,
    state$: state$
  });
})();
"##;

#[test]
fn the_documented_iife_plugin_is_clean() {
    let facts = assert_clean(
        RECORDING_IIFE,
        "recording-plugin-1.0",
        &["recordConference"],
    );
    assert_eq!(facts.registered_ids, ["recording-plugin-1.0"]);
    assert!(facts.external_origins.is_empty());
}

const WEBPACK5_BUNDLE: &str = r##"/*! For license information please see layout.plugin.js.LICENSE.txt */
(()=>{"use strict";var e={512:(e,t,n)=>{n.d(t,{A:()=>o});const o=function(e){return e.filter((e=>e.isStreaming)).length>0}}},t={};function n(o){var r=t[o];if(void 0!==r)return r.exports;var i=t[o]={exports:{}};return e[o](i,i.exports,n),i.exports}n.d=(e,t)=>{for(var o in t)n.o(t,o)&&!n.o(e,o)&&Object.defineProperty(e,o,{enumerable:!0,get:t[o]})},n.o=(e,t)=>Object.prototype.hasOwnProperty.call(e,t);var o=n(512);(()=>{const e=window.PEX.pluginAPI,t=e.createNewState({icon:"layout.svg#layout",label:"Layout"});let r=!1;e.registerPlugin({id:"layout-plugin",load:function(e,n){e.subscribe((e=>{r=(0,o.A)(e)}))},unload:function(){},toggleLayout:function(){e.transformConferenceLayout(r?{}:{layout:"1:7"}),t.next({icon:"layout.svg#layout",label:r?"Default layout":"Speaker layout"})},state$:t})})()})();
"##;

#[test]
fn a_webpack_5_bundle_is_clean() {
    let facts = assert_clean(WEBPACK5_BUNDLE, "layout-plugin", &["toggleLayout"]);
    assert_eq!(facts.registered_ids, ["layout-plugin"]);
}

const WEBPACK4_BUNDLE: &str = r##"!function(e){var t={};function n(r){if(t[r])return t[r].exports;var o=t[r]={i:r,l:!1,exports:{}};return e[r].call(o.exports,o,o.exports,n),o.l=!0,o.exports}n.m=e,n.c=t,n(n.s=0)}([function(e,t,n){"use strict";var r=window.PEX.pluginAPI;function o(e){r.sendRequest("participants/"+e.uuid+"/mute",{})}r.registerPlugin({id:"mute-plugin",load:function(){},unload:function(){},muteParticipant:o})}]);"##;

#[test]
fn a_webpack_4_bundle_is_clean() {
    let facts = assert_clean(WEBPACK4_BUNDLE, "mute-plugin", &["muteParticipant"]);
    assert_eq!(facts.registered_ids, ["mute-plugin"]);
}

const TYPESCRIPT_CLASS: &str = r##""use strict";
var __awaiter = (this && this.__awaiter) || function (self, args, Promised, body) {
    return new (Promised || (Promised = Promise))(function (resolve, reject) {
        var it = body.apply(self, args || []);
        function settle(step) {
            step.done ? resolve(step.value) : Promise.resolve(step.value).then(function (v) { settle(it.next(v)); }, reject);
        }
        settle(it.next());
    });
};
var ChatLogger;
(function (ChatLogger) {
    var api = window.PEX.pluginAPI;
    var LoggerPlugin = /** @class */ (function () {
        function LoggerPlugin() {
            this.id = 'chat-logger';
            this.lines = [];
        }
        LoggerPlugin.prototype.load = function () {
            var _this = this;
            window.PEX.actions$.ofType(window.PEX.actions.RECEIVE_CHAT_MESSAGE).subscribe(function (action) {
                _this.lines.push(action.payload.payload);
            });
        };
        LoggerPlugin.prototype.unload = function () {
            this.lines = [];
        };
        LoggerPlugin.prototype.showLog = function () {
            return __awaiter(this, void 0, void 0, function* () {
                yield api.openTemplateDialog({ title: 'Chat log', body: this.lines.join('<br>') });
            });
        };
        return LoggerPlugin;
    }());
    ChatLogger.LoggerPlugin = LoggerPlugin;
    api.registerPlugin(new LoggerPlugin());
})(ChatLogger || (ChatLogger = {}));
"##;

#[test]
fn typescript_class_output_gets_warnings_and_infos_but_no_error() {
    let (findings, facts) = lint(TYPESCRIPT_CLASS, "chat-logger", &["showLog"]);
    assert_no_errors(&findings);
    assert_eq!(
        summary(&findings),
        [
            ("top-level-declaration", Severity::Warning, 2, 5),
            ("top-level-declaration", Severity::Warning, 11, 5),
            ("plugin-id-unresolved", Severity::Info, 36, 24),
            ("menu-action-unresolved", Severity::Info, 10, 19),
        ]
    );
    assert!(facts.registered_ids.is_empty());
}

const TYPESCRIPT_OBJECT: &str = r##""use strict";
(() => {
    const PLUGIN_ID = 'raise-hand';
    const api = window.PEX.pluginAPI;
    const state$ = api.createNewState({ icon: 'hand.svg#hand', label: 'Raise hand' });
    let raised = false;
    const plugin = {
        id: PLUGIN_ID,
        load: async (participants$) => {
            participants$.subscribe((participants) => {
                raised = participants.some((p) => p.uuid === window.PEX.selfUUID && p.buzzTime > 0);
            });
        },
        unload() { },
        toggleHand: async function () {
            await api.sendRequest(raised ? 'participants/' + window.PEX.selfUUID + '/clearbuzz' : 'participants/' + window.PEX.selfUUID + '/buzz');
            state$.next({ icon: 'hand.svg#hand', label: raised ? 'Raise hand' : 'Lower hand' });
        },
        state$,
    };
    api.registerPlugin(plugin);
})();
"##;

#[test]
fn typescript_object_output_is_clean() {
    let facts = assert_clean(TYPESCRIPT_OBJECT, "raise-hand", &["toggleHand"]);
    assert_eq!(facts.registered_ids, ["raise-hand"]);
}

const EVENT_LISTENER: &str = r##"window.addEventListener('load', function () {
  var api = window.PEX.pluginAPI;
  api.registerPlugin({
    id: 'welcome-plugin',
    load: function () {
      window.PEX.actions$.ofType('[Conference] Connect Success').subscribe(function () {
        api.sendChatMessage({ type: 'SEND_CHAT_MESSAGE', payload: 'Hello everyone' });
      });
    },
    unload: function () {}
  });
});
"##;

#[test]
fn registering_inside_an_event_listener_is_clean() {
    let facts = assert_clean(EVENT_LISTENER, "welcome-plugin", &[]);
    assert_eq!(facts.registered_ids, ["welcome-plugin"]);
}

const DESTRUCTURED: &str = r##"(function () {
  'use strict';
  const { pluginAPI } = window.PEX;
  const { registerPlugin, createNewState, getPluginMenuItem } = pluginAPI;
  const state$ = createNewState({ icon: 'lock.svg#lock', label: 'Lock' });
  let locked = false;
  registerPlugin({
    id: 'lock-plugin',
    load(participants$, conferenceDetails$) {
      conferenceDetails$.subscribe((details) => {
        locked = details.locked;
        getPluginMenuItem('lock-plugin', 'lock-item').show();
      });
    },
    unload() {},
    toggleLock() {
      pluginAPI.sendRequest(locked ? 'unlock' : 'lock');
    },
    state$
  });
})();
"##;

#[test]
fn destructured_api_functions_are_followed() {
    let facts = assert_clean(DESTRUCTURED, "lock-plugin", &["toggleLock"]);
    assert_eq!(facts.registered_ids, ["lock-plugin"]);
}

#[test]
fn every_common_way_to_reach_register_plugin_is_recognised() {
    let object =
        "{ id: 'alias-plugin', load: function () {}, unload: function () {}, go: function () {} }";
    let forms = [
        format!("(function () {{ PEX.pluginAPI.registerPlugin({object}); }})();"),
        format!("(function () {{ window.PEX.pluginAPI.registerPlugin({object}); }})();"),
        format!("(function () {{ self.PEX.pluginAPI.registerPlugin({object}); }})();"),
        format!("(function () {{ window['PEX']['pluginAPI'].registerPlugin({object}); }})();"),
        format!("(function () {{ window.PEX?.pluginAPI?.registerPlugin({object}); }})();"),
        format!("(function () {{ const api = PEX.pluginAPI; api.registerPlugin({object}); }})();"),
        format!("(function () {{ var pex = window.PEX; var api = pex.pluginAPI; api.registerPlugin({object}); }})();"),
        format!("(function () {{ var api; api = window.PEX.pluginAPI; api.registerPlugin({object}); }})();"),
        format!("(function (api) {{ api.registerPlugin({object}); }})(window.PEX.pluginAPI);"),
        format!("(function (PEX) {{ PEX.pluginAPI.registerPlugin({object}); }})(window.PEX);"),
        format!("(function (w) {{ w.PEX.pluginAPI.registerPlugin({object}); }})(window);"),
        format!("(function (api) {{ api.registerPlugin({object}); }}).call(this, PEX.pluginAPI);"),
        format!("((api) => {{ api.registerPlugin({object}); }})(PEX.pluginAPI || {{}});"),
        format!("(function () {{ const {{ pluginAPI: {{ registerPlugin }} }} = window.PEX; registerPlugin({object}); }})();"),
        format!("(function () {{ const register = PEX.pluginAPI.registerPlugin.bind(PEX.pluginAPI); register({object}); }})();"),
        format!("(function () {{ var api = PEX.pluginAPI; (0, api.registerPlugin)({object}); }})();"),
        format!("(function () {{ PEX.pluginAPI.registerPlugin.call(PEX.pluginAPI, {object}); }})();"),
        format!("(function () {{ this.api = window.PEX.pluginAPI; this.api.registerPlugin({object}); }})();"),
    ];
    for source in &forms {
        let (findings, facts) = lint(source, "alias-plugin", &["go"]);
        assert!(findings.is_empty(), "{source}\n{findings:#?}");
        assert_eq!(facts.registered_ids, ["alias-plugin"], "{source}");
    }
}

#[test]
fn an_object_bound_to_a_name_and_completed_by_assignments_is_resolved() {
    let source = r##"(function () {
  var VERSION = '1.0';
  var PREFIX = 'screenshot';
  var plugin = {};
  plugin.id = PREFIX + '-plugin-' + VERSION;
  plugin.load = function () {};
  plugin.unload = function () {};
  plugin['takeScreenshot'] = function () {};
  PEX.pluginAPI.registerPlugin(plugin);
})();
"##;
    let facts = assert_clean(source, "screenshot-plugin-1.0", &["takeScreenshot"]);
    assert_eq!(facts.registered_ids, ["screenshot-plugin-1.0"]);
}

#[test]
fn a_template_literal_id_with_resolvable_parts_is_compared() {
    let source = "(function () {\n  const version = `2`;\n  PEX.pluginAPI.registerPlugin({ id: `poll-${version}`, load() {}, unload() {} });\n})();\n";
    let facts = assert_clean(source, "poll-2", &[]);
    assert_eq!(facts.registered_ids, ["poll-2"]);
}

#[test]
fn html_comments_and_sloppy_mode_syntax_parse_as_in_a_browser() {
    let source = "<!-- legacy guard\n(function () {\n  with (document) { title = 'x'; }\n  var let_ = 010;\n  PEX.pluginAPI.registerPlugin({ id: 'old', load: function () {}, unload: function () {} });\n})();\n";
    assert_clean(source, "old", &[]);
}

// ---------------------------------------------------------------------------------------------
// js-syntax
// ---------------------------------------------------------------------------------------------

#[test]
fn a_syntax_error_is_reported_where_it_is_and_stops_the_other_checks() {
    let source = "(function () {\n  PEX.pluginAPI.registerPlugin({ id: 'other', load: function () { foo(; } });\n})();\n";
    let (findings, facts) = lint(source, "demo", &["missing"]);
    assert_eq!(summary(&findings), [("js-syntax", Severity::Error, 2, 71)]);
    assert_eq!(findings[0].file, SCRIPT);
    assert!(
        findings[0].message.contains("Unexpected token"),
        "{}",
        findings[0].message
    );
    assert_eq!(facts, ScriptFacts::default());
}

#[test]
fn an_unterminated_string_is_a_syntax_error() {
    let source = "(function () {\n  var label = 'Start recording;\n})();\n";
    let (findings, _) = lint(source, "demo", &[]);
    assert_eq!(summary(&findings), [("js-syntax", Severity::Error, 2, 15)]);
}

#[test]
fn top_level_await_is_a_syntax_error_in_a_classic_script() {
    let (findings, _) = lint("await fetch('/x');\n", "demo", &[]);
    assert_eq!(summary(&findings), [("js-syntax", Severity::Error, 1, 1)]);
}

#[test]
fn import_and_export_are_errors_with_a_hint_about_classic_scripts() {
    let source = "import { helper } from './helper.js';\nPEX.pluginAPI.registerPlugin({ id: 'demo' });\nexport default helper;\n";
    let (findings, _) = lint(source, "demo", &[]);
    assert_eq!(
        summary(&findings),
        [
            ("js-syntax", Severity::Error, 1, 1),
            ("js-syntax", Severity::Error, 3, 1),
        ]
    );
    let hint = findings[0].hint.as_deref().unwrap_or_default();
    assert!(hint.contains("classic script"), "{hint}");
}

#[test]
fn a_lexical_name_declared_twice_at_the_top_level_is_a_syntax_error() {
    let source = "let count = 0;\nvar count = 1;\nPEX.pluginAPI.registerPlugin({ id: 'demo', load() {}, unload() {} });\n";
    let (findings, _) = lint(source, "demo", &[]);
    assert_eq!(
        summary(&findings),
        [
            ("top-level-declaration", Severity::Warning, 1, 5),
            ("js-syntax", Severity::Error, 2, 5),
            ("top-level-declaration", Severity::Warning, 2, 5),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// plugin-not-registered
// ---------------------------------------------------------------------------------------------

#[test]
fn a_script_that_never_registers_is_an_error_at_its_start() {
    let source =
        "(function () {\n  var api = PEX.pluginAPI;\n  api.sendChatMessage('hi');\n})();\n";
    let (findings, _) = lint(source, "demo", &["go"]);
    assert_eq!(
        summary(&findings),
        [("plugin-not-registered", Severity::Error, 1, 1)]
    );
}

#[test]
fn a_commented_out_registration_does_not_count() {
    let source = "(function () {\n  // PEX.pluginAPI.registerPlugin({ id: 'demo' });\n})();\n";
    let (findings, _) = lint(source, "demo", &[]);
    assert_eq!(
        summary(&findings),
        [("plugin-not-registered", Severity::Error, 1, 1)]
    );
}

#[test]
fn another_librarys_register_plugin_does_not_count() {
    let source =
        "(function () {\n  videojs.registerPlugin('examplePlugin', function () {});\n})();\n";
    let (findings, _) = lint(source, "demo", &[]);
    assert_eq!(
        summary(&findings),
        [("plugin-not-registered", Severity::Error, 1, 1)]
    );
}

#[test]
fn a_computed_call_on_the_api_is_only_info() {
    let source = "(function () {\n  var fn = 'register' + 'Plugin';\n  PEX.pluginAPI[fn]({ id: 'demo' });\n})();\n";
    let (findings, _) = lint(source, "demo", &["go"]);
    assert_eq!(
        summary(&findings),
        [("plugin-not-registered", Severity::Info, 3, 17)]
    );
}

#[test]
fn register_plugin_handed_to_other_code_is_only_info() {
    let source = "(function () {\n  var plugin = { id: 'demo' };\n  setTimeout(PEX.pluginAPI.registerPlugin.bind(null, plugin), 0);\n})();\n";
    let (findings, _) = lint(source, "demo", &[]);
    assert_eq!(
        summary(&findings),
        [("plugin-not-registered", Severity::Info, 3, 28)]
    );
}

// ---------------------------------------------------------------------------------------------
// plugin-id-mismatch and plugin-id-unresolved
// ---------------------------------------------------------------------------------------------

#[test]
fn a_different_id_is_an_error_at_the_id_value() {
    let source = "(function () {\n  PEX.pluginAPI.registerPlugin({\n    id: 'recording-plugin-2.0',\n    load: function () {},\n    unload: function () {}\n  });\n})();\n";
    let (findings, facts) = lint(source, "recording-plugin-1.0", &[]);
    assert_eq!(
        summary(&findings),
        [("plugin-id-mismatch", Severity::Error, 3, 9)]
    );
    assert!(findings[0].message.contains("recording-plugin-2.0"));
    assert!(findings[0].message.contains("recording-plugin-1.0"));
    assert_eq!(facts.registered_ids, ["recording-plugin-2.0"]);
}

#[test]
fn an_id_from_constants_is_resolved_before_comparing() {
    let source = "(function () {\n  const NAME = 'poll';\n  const ID = NAME + '-' + VERSION;\n  const VERSION = '2';\n  const plugin = { id: ID, load() {}, unload() {} };\n  PEX.pluginAPI.registerPlugin(plugin);\n})();\n";
    let (findings, facts) = lint(source, "poll-1", &[]);
    assert_eq!(
        summary(&findings),
        [("plugin-id-mismatch", Severity::Error, 5, 24)]
    );
    assert_eq!(facts.registered_ids, ["poll-2"]);
}

#[test]
fn a_registered_object_without_id_is_an_error_at_the_object() {
    let source = "(function () {\n  PEX.pluginAPI.registerPlugin({ load: function () {}, unload: function () {} });\n})();\n";
    let (findings, _) = lint(source, "demo", &[]);
    assert_eq!(
        summary(&findings),
        [("plugin-id-mismatch", Severity::Error, 2, 32)]
    );
}

#[test]
fn an_id_read_from_elsewhere_is_info() {
    let source = "(function () {\n  var config = window.pluginConfig || {};\n  PEX.pluginAPI.registerPlugin({ id: config.id, load: function () {}, unload: function () {} });\n})();\n";
    let (findings, facts) = lint(source, "demo", &[]);
    assert_eq!(
        summary(&findings),
        [("plugin-id-unresolved", Severity::Info, 3, 38)]
    );
    assert!(facts.registered_ids.is_empty());
}

#[test]
fn a_template_id_with_a_run_time_part_is_info() {
    let source = "(function () {\n  var version = getVersion();\n  PEX.pluginAPI.registerPlugin({ id: `demo-${version}`, load() {}, unload() {} });\n})();\n";
    let (findings, _) = lint(source, "demo-1", &[]);
    assert_eq!(
        summary(&findings),
        [("plugin-id-unresolved", Severity::Info, 3, 38)]
    );
}

#[test]
fn a_spread_after_the_id_makes_it_info() {
    let source =
        "(function () {\n  PEX.pluginAPI.registerPlugin({ id: 'demo', ...overrides });\n})();\n";
    let (findings, _) = lint(source, "demo", &[]);
    assert_eq!(
        summary(&findings),
        [("plugin-id-unresolved", Severity::Info, 2, 38)]
    );
}

#[test]
fn a_name_bound_twice_is_not_guessed() {
    let source = "(function () {\n  var plugin = { id: 'a' };\n  if (window.debug) { plugin = { id: 'b' }; }\n  PEX.pluginAPI.registerPlugin(plugin);\n})();\n";
    let (findings, _) = lint(source, "demo", &["go"]);
    assert_eq!(
        summary(&findings),
        [
            ("plugin-id-unresolved", Severity::Info, 4, 32),
            ("menu-action-unresolved", Severity::Info, 10, 19),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// menu-action-missing and menu-action-unresolved
// ---------------------------------------------------------------------------------------------

#[test]
fn a_menu_action_missing_from_the_registered_object_is_an_error_in_the_package_file() {
    let source = "(function () {\n  function recordConference() {}\n  PEX.pluginAPI.registerPlugin({ id: 'demo', load() {}, unload() {}, recordConference });\n})();\n";
    let (findings, _) = lint(source, "demo", &["recordConference", "stopRecording"]);
    assert_eq!(
        summary(&findings),
        [("menu-action-missing", Severity::Error, 11, 19)]
    );
    assert_eq!(findings[0].file, PACKAGE);
    assert!(findings[0].message.contains("stopRecording"));
    assert!(findings[0].hint.is_some());
}

#[test]
fn a_menu_action_that_is_not_a_function_is_an_error() {
    let source = "(function () {\n  PEX.pluginAPI.registerPlugin({ id: 'demo', load() {}, unload() {}, mute: 'participants/mute' });\n})();\n";
    let (findings, _) = lint(source, "demo", &["mute"]);
    assert_eq!(
        summary(&findings),
        [("menu-action-missing", Severity::Error, 10, 19)]
    );
    assert!(findings[0].message.contains("not as a function"));
}

#[test]
fn actions_in_any_of_several_registrations_count() {
    let source = "(function () {\n  if (window.PEX.pluginAPI.getPluginMenuItem) {\n    PEX.pluginAPI.registerPlugin({ id: 'demo', load() {}, unload() {}, toggle() {} });\n  } else {\n    PEX.pluginAPI.registerPlugin({ id: 'demo', load() {}, unload() {} });\n  }\n})();\n";
    assert_clean(source, "demo", &["toggle"]);
}

#[test]
fn actions_behind_a_spread_are_info() {
    let source = "(function () {\n  var handlers = buildHandlers();\n  PEX.pluginAPI.registerPlugin({ ...handlers, id: 'demo' });\n})();\n";
    let (findings, facts) = lint(source, "demo", &["record", "stop"]);
    assert_eq!(
        summary(&findings),
        [
            ("menu-action-unresolved", Severity::Info, 10, 19),
            ("menu-action-unresolved", Severity::Info, 11, 19),
        ]
    );
    assert_eq!(findings[0].file, PACKAGE);
    assert_eq!(facts.registered_ids, ["demo"]);
}

#[test]
fn an_object_changed_with_computed_keys_or_object_assign_is_info() {
    for change in [
        "plugin[name] = handler;",
        "Object.assign(plugin, handlers);",
    ] {
        let source = format!("(function () {{\n  var plugin = {{ id: 'demo', load() {{}}, unload() {{}} }};\n  {change}\n  PEX.pluginAPI.registerPlugin(plugin);\n}})();\n");
        let (findings, _) = lint(&source, "demo", &["record"]);
        assert_eq!(
            summary(&findings),
            [("menu-action-unresolved", Severity::Info, 10, 19)],
            "{change}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// state-not-registered
// ---------------------------------------------------------------------------------------------

#[test]
fn state_created_but_not_registered_is_a_warning_at_the_object() {
    let source = "(function () {\n  var state$ = PEX.pluginAPI.createNewState({});\n  var plugin = {\n    id: 'demo',\n    load: function () { state$.next({ label: 'On' }); },\n    unload: function () {},\n    toggle: function () {}\n  };\n  PEX.pluginAPI.registerPlugin(plugin);\n})();\n";
    let (findings, _) = lint(source, "demo", &["toggle"]);
    assert_eq!(
        summary(&findings),
        [("state-not-registered", Severity::Warning, 3, 16)]
    );
}

#[test]
fn state_without_menu_items_needs_no_registration() {
    let source = "(function () {\n  var state$ = PEX.pluginAPI.createNewState({});\n  PEX.pluginAPI.registerPlugin({ id: 'demo', load() {}, unload() {} });\n})();\n";
    assert_clean(source, "demo", &[]);
}

// ---------------------------------------------------------------------------------------------
// top-level-declaration
// ---------------------------------------------------------------------------------------------

#[test]
fn every_top_level_declaration_is_a_warning_at_its_name() {
    let source = "var uuid;\nlet connecting = false, retries = 0;\nconst state$ = PEX.pluginAPI.createNewState({});\nfunction load() {}\nclass Helper {}\nif (window.PEX) { var hoisted = 1; let scoped = 2; }\nfor (var i = 0; i < 1; i++) {}\nPEX.pluginAPI.registerPlugin({ id: 'globals', load: load, unload: function () {}, state$: state$ });\n";
    let (findings, _) = lint(source, "globals", &[]);
    let warning = Severity::Warning;
    assert_eq!(
        summary(&findings),
        [
            ("top-level-declaration", warning, 1, 5),
            ("top-level-declaration", warning, 2, 5),
            ("top-level-declaration", warning, 2, 25),
            ("top-level-declaration", warning, 3, 7),
            ("top-level-declaration", warning, 4, 10),
            ("top-level-declaration", warning, 5, 7),
            ("top-level-declaration", warning, 6, 23),
            ("top-level-declaration", warning, 7, 10),
        ]
    );
    assert!(findings[0].message.contains("`uuid`"));
    assert!(findings[1].message.contains("`connecting`"));
}

#[test]
fn a_destructuring_declaration_names_all_its_globals_in_one_warning() {
    let source = "const { dialOut, sendRequest } = PEX.pluginAPI;\nPEX.pluginAPI.registerPlugin({ id: 'demo', load() {}, unload() {} });\n";
    let (findings, _) = lint(source, "demo", &[]);
    assert_eq!(
        summary(&findings),
        [("top-level-declaration", Severity::Warning, 1, 7)]
    );
    assert!(findings[0].message.contains("`dialOut`, `sendRequest`"));
}

// ---------------------------------------------------------------------------------------------
// deprecated-api and unknown-plugin-api
// ---------------------------------------------------------------------------------------------

#[test]
fn change_conference_layout_is_deprecated() {
    let source = "(function () {\n  var api = PEX.pluginAPI;\n  const { changeConferenceLayout } = api;\n  PEX.pluginAPI.registerPlugin({ id: 'demo', load() {}, unload() {}, reset() {\n    PEX.pluginAPI.changeConferenceLayout({ layouts: [] });\n  } });\n})();\n";
    let (findings, _) = lint(source, "demo", &["reset"]);
    assert_eq!(
        summary(&findings),
        [
            ("deprecated-api", Severity::Warning, 3, 11),
            ("deprecated-api", Severity::Warning, 5, 19),
        ]
    );
    let hint = findings[0].hint.as_deref().unwrap_or_default();
    assert!(hint.contains("transformConferenceLayout"), "{hint}");
}

#[test]
fn an_unknown_api_member_is_a_warning_with_a_suggestion() {
    let source = "(function () {\n  var api = window.PEX.pluginAPI;\n  api.registerPlugin({ id: 'demo', load() { api.sendChatMesage('hi'); api.toggleSidebar(); }, unload() {} });\n})();\n";
    let (findings, _) = lint(source, "demo", &[]);
    assert_eq!(
        summary(&findings),
        [
            ("unknown-plugin-api", Severity::Warning, 3, 49),
            ("unknown-plugin-api", Severity::Warning, 3, 75),
        ]
    );
    assert_eq!(
        findings[0].hint.as_deref(),
        Some("did you mean `sendChatMessage`?")
    );
    assert!(findings[1]
        .hint
        .as_deref()
        .unwrap_or_default()
        .contains("transformConferenceLayout"));
}

#[test]
fn every_known_member_and_members_the_plugin_adds_itself_are_fine() {
    let calls: String = KNOWN_PLUGIN_API
        .iter()
        .map(|name| format!("  if (typeof PEX.pluginAPI.{name} !== 'function') {{ return; }}\n"))
        .collect();
    let source = format!("(function () {{\n{calls}  PEX.pluginAPI.showToast = PEX.pluginAPI.showToast || function () {{}};\n  PEX.pluginAPI.showToast('x');\n  PEX.pluginAPI.registerPlugin({{ id: 'demo', load() {{}}, unload() {{}} }});\n}})();\n");
    let (findings, _) = lint(&source, "demo", &[]);
    let codes: Vec<_> = findings.iter().map(|finding| finding.code).collect();
    assert_eq!(
        codes,
        ["deprecated-api"],
        "only changeConferenceLayout is flagged: {findings:#?}"
    );
}

#[test]
fn a_name_that_is_not_always_the_api_gets_no_unknown_member_warning() {
    let source = "(function () {\n  const api = PEX.pluginAPI;\n  function fetchJson(api) { return api.get('/status'); }\n  api.registerPlugin({ id: 'demo', load() { fetchJson(http); }, unload() {} });\n})();\n";
    assert_clean(source, "demo", &[]);
}

// ---------------------------------------------------------------------------------------------
// Positions: characters, not bytes; CRLF line ends
// ---------------------------------------------------------------------------------------------

#[test]
fn columns_count_characters() {
    let source = "/* Plugin für Aufnahmen — «record» */ PEX.pluginAPI.changeConferenceLayout({ layouts: [] });\n(function () { PEX.pluginAPI.registerPlugin({ id: 'demo', load() {}, unload() {} }); })();\n";
    let (findings, _) = lint(source, "demo", &[]);
    assert_eq!(
        summary(&findings),
        [("deprecated-api", Severity::Warning, 1, 53)]
    );
}

#[test]
fn crlf_line_ends_give_the_same_positions() {
    let source = "(function () {\r\n  PEX.pluginAPI.registerPlugin({\r\n    id: 'other',\r\n    load: function () {},\r\n    unload: function () {}\r\n  });\r\n})();\r\n";
    let (findings, _) = lint(source, "demo", &[]);
    assert_eq!(
        summary(&findings),
        [("plugin-id-mismatch", Severity::Error, 3, 9)]
    );
}

// ---------------------------------------------------------------------------------------------
// Facts: external origins
// ---------------------------------------------------------------------------------------------

#[test]
fn external_origins_come_from_string_and_template_literals() {
    let source = r##"(function () {
  var host = 'conf.example.com';
  fetch('https://API.example.org:443/v1/status?x=1');
  var xhr = new XMLHttpRequest();
  xhr.open('GET', 'http://10.0.0.5:8080/hooks');
  var body = `<script src="https://cdn.example.net/lib.js"></script><link href="https://cdn.example.net/x.css">`;
  var svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  var dynamic = `https://${host}/api`;
  var relative = 'custom_configuration/plugins/demo/lib/x.js';
  var ipv6 = 'http://[::1]:3000/';
  var auth = 'https://user:secret@hooks.example.com/x';
  // https://in-a-comment.example.com is not a string
  PEX.pluginAPI.registerPlugin({ id: 'demo', load() {}, unload() {} });
})();
"##;
    let facts = assert_clean(source, "demo", &[]);
    assert_eq!(
        facts.external_origins,
        [
            "http://10.0.0.5:8080",
            "http://[::1]:3000",
            "https://api.example.org",
            "https://cdn.example.net",
            "https://hooks.example.com",
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// js-too-deep: crafted nesting must not overflow the stack
// ---------------------------------------------------------------------------------------------

#[test]
fn nesting_past_the_limit_is_a_warning_and_is_not_parsed() {
    let crafted = [
        format!("x = {}1{};", "(".repeat(6000), ")".repeat(6000)),
        format!("x = a{};", ".b".repeat(200_000)),
        format!("x = {}1;", "!".repeat(200_000)),
        format!("{}x;", "if (a)\n".repeat(100_000)),
        format!("x = {}1;", "a ? b : ".repeat(100_000)),
    ];
    for source in &crafted {
        let (findings, facts) = lint(source, "demo", &["go"]);
        let found: Vec<_> = findings
            .iter()
            .map(|f| (f.code, f.severity, f.line))
            .collect();
        assert_eq!(found.len(), 1, "{findings:#?}");
        assert_eq!(found[0].0, "js-too-deep");
        assert_eq!(found[0].1, Severity::Warning);
        assert_eq!(facts, ScriptFacts::default());
    }
}

#[test]
fn the_warning_points_where_the_limit_is_passed() {
    let source = format!(
        "(function () {{\n  var x = {}1{};\n}})();\n",
        "[".repeat(6000),
        "]".repeat(6000)
    );
    let (findings, _) = lint(&source, "demo", &[]);
    assert_eq!(
        summary(&findings),
        [("js-too-deep", Severity::Warning, 2, 5004)]
    );
}

#[test]
fn brackets_in_strings_comments_templates_and_regexes_do_not_count() {
    let many = "(".repeat(6000);
    let source = format!(
        "(function () {{\n  var a = '{many}';\n  var b = \"{many}\";\n  var c = `{many}`;\n  // {many}\n  /* {many} */\n  var d = /[{many}]/.test(a) ? 1 / 2 : 0;\n  PEX.pluginAPI.registerPlugin({{ id: 'demo', load() {{}}, unload() {{}} }});\n}})();\n"
    );
    assert_clean(&source, "demo", &[]);
}

#[test]
fn deep_but_allowed_nesting_is_checked_whatever_the_callers_stack() {
    let depth = 3000;
    let source = format!(
        "(function () {{\n  var plugin = {}{{ id: 'deep', load() {{}}, unload() {{}} }}{};\n  PEX.pluginAPI.registerPlugin(plugin);\n}})();\n",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    // A small stack, as some thread pools give: the check must bring its own.
    let checked = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || lint(&source, "deep", &[]))
        .map(|thread| thread.join());
    let Ok(Ok((findings, facts))) = checked else {
        panic!("the check did not finish");
    };
    assert!(findings.is_empty(), "{findings:#?}");
    assert_eq!(facts.registered_ids, ["deep"]);
}

#[test]
fn a_long_html_concatenation_is_checked() {
    let rows: String = (0..400)
        .map(|row| format!("    '<tr><td>' + names[{row}] + '</td></tr>' +\n"))
        .collect();
    let source = format!("(function () {{\n  var names = [];\n  var html = '<table>' +\n{rows}    '</table>';\n  PEX.pluginAPI.registerPlugin({{ id: 'table', load() {{ return html; }}, unload() {{}} }});\n}})();\n");
    assert_clean(&source, "table", &[]);
}

// ---------------------------------------------------------------------------------------------
// Speed: one parse, one walk
// ---------------------------------------------------------------------------------------------

/// A realistic plugin of at least 20 KiB: many helper functions inside one IIFE.
fn twenty_kib_plugin() -> String {
    let mut source = String::from("(function () {\n  'use strict';\n  var api = window.PEX.pluginAPI;\n  var state$ = api.createNewState({});\n");
    let mut index = 0;
    while source.len() < 20 * 1024 {
        source.push_str(&format!(
            "  function helper{index}(participants) {{\n    var chosen = participants.filter(function (p) {{ return p.role === 'chair' && !p.isStreaming; }});\n    if (chosen.length > {index}) {{\n      api.sendRequest('participants/' + chosen[0].uuid + '/mute', {{}}, function (reply) {{ console.log('helper{index}', reply.status); }});\n    }}\n    return {{ count: chosen.length, label: `Muted ${{chosen.length}} of ${{participants.length}}` }};\n  }}\n"
        ));
        index += 1;
    }
    source.push_str("  api.registerPlugin({ id: 'big', load: function () {}, unload: function () {}, toggle: helper0, state$: state$ });\n})();\n");
    source
}

#[test]
fn a_20_kib_plugin_is_clean() {
    let source = twenty_kib_plugin();
    assert!(source.len() >= 20 * 1024);
    assert_clean(&source, "big", &["toggle"]);
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "timing is meaningful in release builds only"
)]
fn linting_a_20_kib_plugin_takes_well_under_a_millisecond() {
    let source = twenty_kib_plugin();
    let runs = 200u32;
    let start = std::time::Instant::now();
    for _ in 0..runs {
        let (findings, _) = lint(&source, "big", &["toggle"]);
        assert!(findings.is_empty());
    }
    let mean = start.elapsed() / runs;
    assert!(
        mean < std::time::Duration::from_millis(1),
        "mean {mean:?} per 20 KiB script"
    );
}
