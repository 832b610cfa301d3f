using StateHub.Domain.Common;

namespace StateHub.Domain.InterfaceChanges;

/// <summary>One affected repo of a published change and how far it has come with it.</summary>
public sealed class InterfaceChangeConsumer
{
    public const int NoteMaxLength = 4000;

    private InterfaceChangeConsumer()
    {
    }

    public string RepoSlug { get; private set; } = null!;

    public ConsumerStatus Status { get; private set; }

    public string? Note { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Still has something to do: <c>notified</c> or <c>acknowledged</c>.</summary>
    public bool IsPending => Status is ConsumerStatus.Notified or ConsumerStatus.Acknowledged;

    internal static InterfaceChangeConsumer Notified(string repoSlug, DateTimeOffset now) =>
        new() { RepoSlug = repoSlug, Status = ConsumerStatus.Notified, UpdatedAt = now };

    /// <summary>
    /// Moves this consumer to <paramref name="status"/>: only forward
    /// (notified → acknowledged → migrated | not_affected), or between migrated and not_affected.
    /// Every consumer starts notified, so <c>notified</c> is never a move (409). Repeating the current
    /// status keeps it and replaces the note (nothing changes when the note is the same too).
    /// </summary>
    /// <returns>Whether the status changed.</returns>
    internal bool MoveTo(ConsumerStatus status, string? note, DateTimeOffset now)
    {
        if (!Enum.IsDefined(status))
            throw new DomainValidationException("status", "Unknown status.");
        const string Rule = "acknowledgements only move forward (notified → acknowledged → migrated | not_affected), or between migrated and not_affected.";
        if (status == ConsumerStatus.Notified)
        {
            throw new InvalidTransitionException(
                $"Repo '{RepoSlug}' is {EnumWire.Name(Status)} for this change, and notified cannot be set: every affected repo starts there when the change is published; " + Rule);
        }

        if (status != Status && Rank(status) <= Rank(Status) && !(Rank(status) == 2 && Rank(Status) == 2))
            throw new InvalidTransitionException($"Repo '{RepoSlug}' is {EnumWire.Name(Status)} for this change and cannot go back to {EnumWire.Name(status)}: " + Rule);

        var newNote = Guard.Optional(note, "note", NoteMaxLength);
        if (status == Status && newNote == Note)
            return false;

        var moved = status != Status;
        Note = newNote;
        Status = status;
        UpdatedAt = now;
        return moved;
    }

    private static int Rank(ConsumerStatus status) => status switch
    {
        ConsumerStatus.Notified => 0,
        ConsumerStatus.Acknowledged => 1,
        _ => 2,
    };
}
