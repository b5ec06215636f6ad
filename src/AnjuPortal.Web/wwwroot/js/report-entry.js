// Monthly report entry: Enter moves to the next cell, like Tab (Shift+Enter to the previous one), so figures can be
// typed down a long table without the mouse. The change event fires on the way out, which saves the draft.
document.addEventListener('keydown', function (event) {
    if (event.key !== 'Enter' || !(event.target instanceof HTMLInputElement) || !event.target.classList.contains('anju-cell')) {
        return;
    }
    var table = event.target.closest('table');
    var cells = table ? Array.prototype.slice.call(table.querySelectorAll('input.anju-cell')) : [];
    var next = cells[cells.indexOf(event.target) + (event.shiftKey ? -1 : 1)];
    event.preventDefault();
    if (next) {
        next.focus();
        next.select();
    } else {
        event.target.blur();
    }
});
