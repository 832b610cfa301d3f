namespace StateHub.Application.Common.Abstractions;

/// <summary>
/// Turns what the database provider throws (unique violation, serialization failure, deadlock,
/// connection failure, timeout, values the column cannot hold) into Application exceptions, so
/// nothing above the persistence layer needs to know the provider.
/// </summary>
public interface IPersistenceExceptionTranslator
{
    /// <summary>The Application exception <paramref name="exception"/> stands for, or <paramref name="exception"/> itself.</summary>
    Exception Translate(Exception exception);
}
