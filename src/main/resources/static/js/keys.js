// Keyboard shortcuts: j/k move through the list (or the messages), o opens, e edits the reply, a approves it.
(function () {
  'use strict';

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(target.tagName));
  }

  function items() {
    var rows = document.querySelectorAll('a.row');
    return rows.length ? rows : document.querySelectorAll('article.message');
  }

  function move(step) {
    var list = items();
    if (!list.length) { return; }
    var current = -1;
    list.forEach(function (el, i) { if (el.classList.contains('selected')) { current = i; } });
    var next = Math.max(0, Math.min(list.length - 1, current + step));
    if (current >= 0) { list[current].classList.remove('selected'); }
    var el = list[next];
    el.classList.add('selected');
    if (el.tagName === 'A') { el.focus(); } else { el.setAttribute('tabindex', '-1'); el.focus(); }
    el.scrollIntoView({ block: 'nearest' });
  }

  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || typing(e.target)) { return; }
    var editor = document.querySelector('form.editor');
    switch (e.key) {
      case 'j': move(1); break;
      case 'k': move(-1); break;
      case 'o': {
        var selected = document.querySelector('a.row.selected') || document.querySelector('a.row');
        if (selected) { selected.click(); }
        break;
      }
      case 'e':
        if (editor) { e.preventDefault(); editor.querySelector('textarea').focus(); }
        break;
      case 'a':
        if (editor) { editor.querySelector('button.primary').click(); }
        break;
      default: return;
    }
  });
})();
