using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Domain.Common;

namespace StateHub.Application.Common.Concurrency;

/// <summary>
/// Optimistic concurrency for commands that change one resource in place: the client sends the
/// <c>ETag</c> it read as <c>If-Match</c>, and the command goes ahead only if the resource is
/// still in that state. Call it right after loading the entity, before changing it.
/// </summary>
public static class IfMatchPrecondition
{
    /// <summary>
    /// Goes ahead when <paramref name="ifMatch"/> is absent (no precondition), <c>*</c>, or lists
    /// the entity's current tag; then locks the entity's row until the command's transaction ends,
    /// so nobody can change it between this check and the commit. Otherwise, and when the header
    /// is malformed (it cannot match anything), throws <see cref="ConflictException"/> (409).
    /// </summary>
    /// <param name="noun">What the entity is called in messages, e.g. "repo", "interface change".</param>
    public static async Task RequireIfMatchAsync(
        this IUnitOfWork unitOfWork, string? ifMatch, Entity entity, string noun, CancellationToken cancellationToken)
    {
        if (ifMatch is null)
            return;

        var current = EntityTag.For(entity.UpdatedAt);
        var header = IfMatchHeader.Parse(ifMatch)
            ?? throw new ConflictException(
                $"If-Match '{Abbreviate(ifMatch)}' is not '*' or a list of quoted entity tags, so it cannot match the {noun}'s ETag {current}; " +
                "send the ETag header exactly as a GET returned it.");
        if (header.IsAny)
            return;
        if (!header.Matches(current))
            throw Stale(noun, current);

        // The tag matched the row as this transaction read it; lock the row and make sure no
        // other transaction committed a change in between, so the write cannot be lost.
        var stored = await unitOfWork.LockRowAsync(entity, cancellationToken);
        if (stored is not { } storedAt || EntityTag.For(storedAt) != current)
            throw Stale(noun, stored is { } s ? EntityTag.For(s) : current);
    }

    private static string Abbreviate(string value) => value.Length <= 80 ? value : value[..77] + "...";

    private static ConflictException Stale(string noun, string current) =>
        new($"The {noun} was modified since you read it (its ETag is now {current}); read it again and retry.");
}
