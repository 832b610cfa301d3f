using StateHub.Application.Common.Paging;

namespace StateHub.WebApi.Mcp;

/// <summary>
/// One page of a list tool's result, <c>{"items": [...], "next_cursor": "..."}</c>: the items of the
/// HTTP twin's page, and the cursor its <c>Link: rel="next"</c> header would carry (null on the last
/// page). Pass <c>next_cursor</c> back as the tool's <c>cursor</c> argument, with the same other
/// arguments, to get the next page (§15).
/// </summary>
public sealed record McpPage<T>(IReadOnlyList<T> Items, string? NextCursor)
{
    public const string ResultDescription =
        " Returns one page, {\"items\": [...], \"next_cursor\": ...}; next_cursor is null on the last page, else pass it back as cursor for the next.";

    public const string LimitDescription = "How many items at most, 1 to 500. ";

    public const string CursorDescription =
        "Leave out for the first page; for the next one pass next_cursor from the previous result unchanged, with the same other arguments.";

    public static McpPage<T> Of(Page<T> page) => new(page.Items, page.NextCursor);
}
