// Monthly report entry: Enter moves to the next cell, like Tab (Shift+Enter to the previous one), so figures can be
// typed down a long table without the mouse. The change event fires on the way out, which saves the draft.
document.addEventListener('keydown', function (event) {
    if (event.key !== 'Enter' || !(event.target instanceof HTMLInputElement) || !event.target.closest('table.anju-entry')) {
        return;
    }
    var table = event.target.closest('table.anju-entry');
    var cells = table ? Array.prototype.slice.call(table.querySelectorAll('input[name]')) : [];
    var next = cells[cells.indexOf(event.target) + (event.shiftKey ? -1 : 1)];
    event.preventDefault();
    if (next) {
        next.focus();
        next.select();
    } else {
        event.target.blur();
    }
});

// The entry table's cells have no handlers of their own (ADR-015): their input and change events bubble to the
// table, which takes them as "entrycellinput"/"entrycellchange" with the cell's name (its key) and text. Registered
// here, after blazor.web.js has loaded and before it starts, so that no render can come before the event types.
(function () {
    var cellArgs = function (event) {
        var cell = event.target;
        return { name: (cell && cell.name) || '', value: (cell && cell.value) || '' };
    };
    Blazor.registerCustomEventType('entrycellinput', { browserEventName: 'input', createEventArgs: cellArgs });
    Blazor.registerCustomEventType('entrycellchange', { browserEventName: 'change', createEventArgs: cellArgs });
})();
