// The tab's title for pages rendered interactively without prerendering, whose <PageTitle> the
// statically rendered <head> never sees (Components/Shared/DocumentTitle.razor).
window.portal = {
    setTitle: function (title) {
        document.title = title;
    }
};
