window.portal = {
    // The tab's title for pages rendered interactively without prerendering, whose <PageTitle> the
    // statically rendered <head> never sees (Components/Shared/DocumentTitle.razor).
    setTitle: function (title) {
        document.title = title;
    },
    // The first field of a page (Components/Shared/FocusOnLoad.razor), after the router's own focus on
    // the heading (which comes in the same render), unless the person is already typing somewhere.
    focusField: function (id) {
        requestAnimationFrame(function () {
            setTimeout(function () {
                var field = document.getElementById(id);
                var active = document.activeElement;
                var typing = active && active !== field && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName);
                if (field && !typing) {
                    field.focus();
                }
            }, 0);
        });
    }
};
