// A small PexRTC application written the way Pexip's public PexRTC tutorials write them: a global
// `rtc`, `new PexRTC()`, callbacks assigned as properties, `makeCall(node, conference, name, bw,
// 'none')`, `connect(pin)` from onSetup, roster from onParticipantCreate/Update/Delete, chat from
// onChatMessage. Nothing in it knows about Plugboard: it is pointed at the node by its address.
// The tests serve it under the node's origin (see pexrtc-page.mjs) and drive it like a user.

export const TUTORIAL_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>PexRTC tutorial</title>
<script type="text/javascript" src="/static/webrtc/js/pexrtc.js"></script>
<script type="text/javascript" src="tutorial.js"></script>
</head>
<body>
<form id="join-form">
  <label>Node <input id="node" name="node"></label>
  <label>Conference <input id="conference" name="conference"></label>
  <label>Your name <input id="name" name="name"></label>
  <button id="join" type="submit">Join</button>
</form>
<form id="pin-form" hidden>
  <label>PIN <input id="pin" name="pin" type="password"></label>
  <button id="enter-pin" type="submit">Enter</button>
</form>
<div id="conference-view" hidden>
  <h2 id="conference-title"></h2>
  <ul id="participants"></ul>
  <ol id="chat"></ol>
  <form id="chat-form">
    <input id="message" name="message" aria-label="Message">
    <button id="send" type="submit">Send</button>
  </form>
  <button id="hangup" type="button">Hang up</button>
</div>
<p id="status" role="status"></p>
</body>
</html>
`;

export const TUTORIAL_JS = `var rtc = null;
var participants = {};

function $(id) {
  return document.getElementById(id);
}

function initialise(node, conference, name) {
  rtc = new PexRTC();
  rtc.onSetup = doneSetup;
  rtc.onConnect = connected;
  rtc.onError = remoteDisconnect;
  rtc.onDisconnect = remoteDisconnect;
  rtc.onParticipantCreate = participantCreated;
  rtc.onParticipantUpdate = participantUpdated;
  rtc.onParticipantDelete = participantDeleted;
  rtc.onChatMessage = chatReceived;
  rtc.makeCall(node, conference, name, null, 'none');
}

function doneSetup(videoURL, pin_status) {
  if (pin_status == 'none') {
    rtc.connect();
  } else {
    $('pin-form').hidden = false;
    $('status').textContent = pin_status == 'optional' ? 'Enter the host PIN, or none as a guest' : 'This conference needs a PIN';
  }
}

function submitPin(event) {
  event.preventDefault();
  $('pin-form').hidden = true;
  rtc.connect($('pin').value);
}

function connected(videoURL) {
  $('join-form').hidden = true;
  $('conference-view').hidden = false;
  $('conference-title').textContent = rtc.conference + ' (' + rtc.role + ')';
  $('status').textContent = 'Connected as ' + rtc.display_name;
}

function remoteDisconnect(reason) {
  $('conference-view').hidden = true;
  $('status').textContent = reason;
}

function participantCreated(participant) {
  participants[participant.uuid] = participant;
  renderParticipants();
}

function participantUpdated(participant) {
  participants[participant.uuid] = participant;
  renderParticipants();
}

function participantDeleted(participant) {
  delete participants[participant.uuid];
  renderParticipants();
}

function renderParticipants() {
  var list = $('participants');
  list.textContent = '';
  Object.keys(participants).forEach(function (uuid) {
    var item = document.createElement('li');
    item.textContent = participants[uuid].display_name;
    list.appendChild(item);
  });
}

function chatReceived(message) {
  addChatLine(message.origin, message.payload);
}

function addChatLine(origin, text) {
  var line = document.createElement('li');
  line.textContent = origin + ': ' + text;
  $('chat').appendChild(line);
}

function sendChat(event) {
  event.preventDefault();
  var text = $('message').value;
  rtc.sendChatMessage(text);
  addChatLine(rtc.display_name, text);
  $('message').value = '';
}

function hangup() {
  rtc.disconnect();
  $('conference-view').hidden = true;
  $('status').textContent = 'You left the conference';
}

window.addEventListener('load', function () {
  $('join-form').addEventListener('submit', function (event) {
    event.preventDefault();
    initialise($('node').value, $('conference').value, $('name').value);
  });
  $('pin-form').addEventListener('submit', submitPin);
  $('chat-form').addEventListener('submit', sendChat);
  $('hangup').addEventListener('click', hangup);
});
`;
