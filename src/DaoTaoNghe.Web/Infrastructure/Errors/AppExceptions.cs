namespace DaoTaoNghe.Infrastructure.Errors;

/// <summary>The record does not exist, or exists outside the caller's scope: both answer 404 so ids leak nothing.</summary>
public sealed class NotFoundException(string message = "Không tìm thấy dữ liệu yêu cầu hoặc bạn không có quyền xem.") : Exception(message);

/// <summary>The caller may see the record but not do this to it; a message other than the default is a reason the page shows.</summary>
public sealed class ForbiddenException(string message = ForbiddenException.Default) : Exception(message)
{
    public const string Default = "Bạn không có quyền thực hiện thao tác này.";

    public bool HasReason => Message != Default;
}

/// <summary>The request is well-formed but conflicts with the data (a duplicate, a state that does not allow it).</summary>
public sealed class ConflictException(string message) : Exception(message);

/// <summary>The work the request asks for must wait: too much of it is already queued (429).</summary>
public sealed class TooManyRequestsException(string message) : Exception(message);

/// <summary>One problem with one field of a form, an API body or an imported row.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>Input that breaks a rule; every message is Vietnamese and names its field.</summary>
public sealed class ValidationFailedException(IReadOnlyList<FieldError> errors)
    : Exception(string.Join(" ", errors.Select(e => e.Message)))
{
    public ValidationFailedException(string field, string message) : this([new FieldError(field, message)]) { }

    public IReadOnlyList<FieldError> Errors { get; } = errors;
}
