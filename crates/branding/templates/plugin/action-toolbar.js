  /**
   * The toolbar button's action: the app passes everyone in the conference.
   * @param {PEX.Participant[]} participants
   */
  function {{action}}(participants) {
    var names = participants.map(function (participant) {
      return escapeHtml(participant.name);
    });
    openDialog('<p>In the conference: ' + names.join(', ') + '</p><p>' + conferenceSummary() + '</p>');
  }
