using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Testing;

namespace PeoplesStories.IntegrationTests.Rendering;

/// <summary>
/// Pushes payloads through the site's forms over HTTP and checks every page it is answered with or
/// later shown on for live markup (<see cref="LiveMarkup"/>), collecting what it finds.
/// </summary>
internal sealed class XssProbe
{
    private readonly List<string> findings = [];

    public IReadOnlyList<string> Findings => findings;

    public int PagesChecked { get; private set; }

    /// <summary>Posts the form once per payload, every field carrying a payload (a different one each), and checks each answer.</summary>
    public async Task PostEveryPayloadAsync(HttpClient client, XssForm form, IReadOnlyList<string> payloads)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(payloads);
        for (var post = 0; post < payloads.Count; post++)
        {
            var page = await client.GetDocumentAsync(form.Url);
            var fields = FormFields(page, form);
            for (var field = 0; field < form.Fields.Count; field++)
            {
                fields[form.Fields[field]] = payloads[(post + field) % payloads.Count];
            }

            var action = page.QuerySelectorAll<IHtmlFormElement>("form").First(f => f.Elements.Any(e => e.GetAttribute("name") == form.Fields[0])).GetAttribute("action");
            using var content = new FormUrlEncodedContent(fields);
            using var response = await client.PostAsync(string.IsNullOrEmpty(action) ? form.Url : action, content);
            var label = $"{form.Name} post {post}";
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                await CheckAsync(client, response.Headers.Location!.OriginalString, label);
            }
            else if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest)
            {
                // 400: a NUL character, which no form accepts; the site's error page answers.
                Check(await Html.ParseAsync(await response.Content.ReadAsStringAsync()), label);
            }
            else
            {
                findings.Add($"{label}: answered {(int)response.StatusCode}");
            }
        }
    }

    /// <summary>Checks a page and every page after it (rel=next); returns how many were checked.</summary>
    public async Task<int> CheckWithFollowingPagesAsync(HttpClient client, string url)
    {
        var pages = 0;
        for (string? next = url; next is not null; pages++)
        {
            var page = await CheckAsync(client, next, next);
            next = page.QuerySelector("link[rel=next]")?.GetAttribute("href") is { } href ? new Uri(href, UriKind.RelativeOrAbsolute).IsAbsoluteUri ? new Uri(href).PathAndQuery : href : null;
        }

        return pages;
    }

    public async Task<IDocument> CheckAsync(HttpClient client, string url, string label)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetDocumentAsync(url);
        Check(page, $"{label} ({url})");
        return page;
    }

    public void Check(IDocument page, string label)
    {
        ArgumentNullException.ThrowIfNull(page);
        PagesChecked++;
        var elements = page.All.Select(e => new MarkupElement(e.LocalName, e.Attributes.Select(a => KeyValuePair.Create(a.Name, a.Value)).ToList()));
        findings.AddRange(LiveMarkup.Findings(elements).Select(f => $"{label}: {f}"));
    }

    /// <summary>The fields the form would post as served: its inputs (checkboxes when checked), text areas and selects.</summary>
    private static Dictionary<string, string> FormFields(IDocument page, XssForm form)
    {
        var element = page.QuerySelectorAll<IHtmlFormElement>("form").FirstOrDefault(f => f.Elements.Any(e => e.GetAttribute("name") == form.Fields[0]))
            ?? throw new InvalidOperationException($"{form.Url} has no form with a field {form.Fields[0]}");
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var control in element.Elements)
        {
            var name = control.GetAttribute("name");
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }

            switch (control)
            {
                case IHtmlInputElement input when input.Type is "submit" or "button" or "image" || input.Type is "checkbox" or "radio" && !input.IsChecked:
                    break;
                case IHtmlInputElement input:
                    fields[name] = input.Value;
                    break;
                case IHtmlTextAreaElement textArea:
                    fields[name] = textArea.Value;
                    break;
                case IHtmlSelectElement select:
                    fields[name] = select.Value ?? "";
                    break;
            }
        }

        foreach (var payloadField in form.Fields)
        {
            if (!fields.ContainsKey(payloadField))
            {
                throw new InvalidOperationException($"{form.Url} has no field {payloadField}");
            }
        }

        return fields;
    }
}
