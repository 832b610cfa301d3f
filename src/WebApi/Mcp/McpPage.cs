using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using StateHub.Application.Common.Paging;

namespace StateHub.WebApi.Mcp;

/// <summary>
/// One page of a list tool's result, shaped as its HTTP twin answers: the content is the page's
/// JSON array (the HTTP body), and the cursor of the next page travels beside it as metadata,
/// <c>_meta.next_cursor</c> (where HTTP has its <c>Link: rel="next"</c> header); it is null on the
/// last page. Pass it back as the tool's <c>cursor</c> argument, with the same other arguments, to
/// get the next page (§15). A client that ignores <c>_meta</c> reads the same array as before paging.
/// </summary>
public static class McpPage
{
    public const string NextCursorKey = "next_cursor";

    public const string ResultDescription =
        " Returns the page as a JSON array; when more follow, the result's _meta.next_cursor holds the cursor of the next page (null on the last page).";

    public const string LimitDescription = "How many items at most, 1 to 500. ";

    public const string CursorDescription =
        "Leave out for the first page; for the next one pass _meta.next_cursor of the previous result unchanged, with the same other arguments.";

    public static CallToolResult Of<T>(Page<T> page) => new()
    {
        Content = [new TextContentBlock { Text = JsonSerializer.Serialize(page.Items, McpJson.Options) }],
        Meta = new JsonObject { [NextCursorKey] = page.NextCursor },
    };
}
