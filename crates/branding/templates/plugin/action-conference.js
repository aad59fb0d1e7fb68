  /**
   * The conference menu item's action: the app passes the conference details.
   * @param {PEX.ConferenceDetails} details
   */
  function {{action}}(details) {
    var chat = details.chatEnabled ? 'Chat is on' : 'Chat is off';
    var guests = details.guestsMuted ? 'guests are muted' : 'guests may speak';
    var media = 'media: ' + escapeHtml(details.mediaType);
    openDialog('<p>' + chat + ', ' + guests + ', ' + media + '.</p><p>' + conferenceSummary() + '</p>');
  }
