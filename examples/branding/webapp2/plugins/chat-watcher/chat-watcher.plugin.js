// Chat watcher, for everyone: it watches the app's action stream (`PEX.actions$`) for chat messages and
// answers the commands "!help" and "!who" in the chat. Only hosts' apps answer, so that a room full of
// guests does not post the same answer many times (with several hosts, each host's app answers).
//
// It also adds toolbar buttons: "Mute my microphone" (it dispatches the app's own action), and "Stop
// answering…" / "Answer… again", of which only one shows at a time (`getPluginMenuItem(…).hide()` /
// `.show()`); guests, who never answer, see neither.
(function () {
  'use strict';

  var PLUGIN_ID = 'chat-watcher';

  /** @type {PEX.Subscription[]} */
  var subscriptions = [];
  /** @type {PEX.Participant[]} */
  var participants = [];
  var isHost = false;
  var answering = true;

  /** @type {{[command: string]: () => string}} */
  var COMMANDS = {
    '!help': function () {
      return 'Chat commands: !help (this text), !who (who is in the meeting).';
    },
    '!who': function () {
      var names = participants.map(function (participant) {
        return participant.name;
      });
      return names.length + ' in the meeting: ' + names.join(', ');
    }
  };

  function updateMenu() {
    var pause = PEX.pluginAPI.getPluginMenuItem(PLUGIN_ID, 'pause');
    var resume = PEX.pluginAPI.getPluginMenuItem(PLUGIN_ID, 'resume');
    if (isHost && answering) pause.show();
    else pause.hide();
    if (isHost && !answering) resume.show();
    else resume.hide();
  }

  /** @param {PEX.Observable<PEX.Participant[]>} participants$ */
  function load(participants$) {
    subscriptions.push(
      participants$.subscribe(function (list) {
        participants = list;
        var me = list.filter(function (participant) {
          return participant.uuid === PEX.selfUUID;
        })[0];
        isHost = Boolean(me && me.role === 'chair');
        updateMenu();
      })
    );

    // Messages from others arrive as RECEIVE_CHAT_MESSAGE (`action.payload.payload` is the text); what this
    // participant sends goes out as SEND_CHAT_MESSAGE (the payload is the text), so one's own commands are
    // answered too. `ofType` takes several types, and its result chains like RxJS 5: filter, map, subscribe.
    subscriptions.push(
      PEX.actions$
        .ofType(PEX.actions.RECEIVE_CHAT_MESSAGE, PEX.actions.SEND_CHAT_MESSAGE)
        .map(function (action) {
          var text = typeof action.payload === 'string' ? action.payload : action.payload.payload;
          return text.trim().toLowerCase();
        })
        .filter(function (text) {
          return answering && isHost && COMMANDS.hasOwnProperty(text);
        })
        .subscribe(function (command) {
          PEX.pluginAPI.sendChatMessage(COMMANDS[command]());
        })
    );
  }

  function unload() {
    subscriptions.forEach(function (subscription) {
      subscription.unsubscribe();
    });
    subscriptions = [];
  }

  // Toolbar actions receive the participants; these do not need them.
  function muteMyMicrophone() {
    // The app acts on its own actions when a plugin dispatches them.
    PEX.dispatchAction({ type: '[Conference] Mute Microphone' });
  }

  function pauseAnswers() {
    answering = false;
    updateMenu();
  }

  function resumeAnswers() {
    answering = true;
    updateMenu();
  }

  PEX.pluginAPI.registerPlugin({
    id: PLUGIN_ID,
    load: load,
    unload: unload,
    muteMyMicrophone: muteMyMicrophone,
    pauseAnswers: pauseAnswers,
    resumeAnswers: resumeAnswers
  });
})();
