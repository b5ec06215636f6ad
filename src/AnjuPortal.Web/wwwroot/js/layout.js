// The menu button's click, with whether the screen is narrow: the layout's drawer is open by default on wide screens
// and hidden on narrow ones (app.css), so the server needs the width to know what a click changes (ADR-015).
(function () {
    var narrow = window.matchMedia('(max-width: 959px)');
    Blazor.registerCustomEventType('menutoggle', {
        browserEventName: 'click',
        createEventArgs: function () { return { narrow: narrow.matches }; }
    });
})();
