  /**
   * The participant menu item's action: the app passes the participant whose menu it is.
   * @param {PEX.Participant} participant
   */
  function {{action}}(participant) {
    var role = participant.role === 'chair' ? 'host' : 'guest';
    var audio = participant.muted ? ', muted' : '';
    openDialog(
      '<p>' + escapeHtml(participant.name) + ' (' + role + audio + ')</p><p>' + conferenceSummary() + '</p>'
    );
  }
