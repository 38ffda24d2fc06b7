window.portal = {
    // The tab's title for pages rendered interactively without prerendering, whose <PageTitle> the
    // statically rendered <head> never sees (Components/Shared/DocumentTitle.razor).
    setTitle: function (title) {
        document.title = title;
    },
    // The first field of a page (Components/Shared/FocusOnLoad.razor): after the router's own focus
    // on the heading (a task later), unless the person has already moved into something else.
    focusField: function (id) {
        setTimeout(function () {
            var field = document.getElementById(id);
            var active = document.activeElement;
            var untouched = !active || active === document.body || active.tagName === "H1";
            if (field && untouched) {
                field.focus();
            }
        }, 0);
    }
};
