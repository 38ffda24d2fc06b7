using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Integration.ServiceDefaults;

/// <summary>
/// A command that the current state does not allow: 409 when it conflicts with the resource's
/// state (closing a closed case), 422 when a rule of the domain refuses it (no consent). Carries a
/// stable code for clients and any extra fields they need (the current status).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1710", Justification = "Named as the house style names domain rule violations (architecture brief).")]
public sealed class DomainRuleViolated : Exception
{
    public DomainRuleViolated(string code, string message, int status = StatusCodes.Status422UnprocessableEntity,
        IReadOnlyDictionary<string, object?>? extensions = null)
        : base(message)
    {
        Code = code;
        Status = status;
        Extensions = extensions ?? new Dictionary<string, object?>();
    }

    public DomainRuleViolated()
        : this("rule_violated", "The request is not allowed in the current state.")
    {
    }

    public DomainRuleViolated(string message)
        : this("rule_violated", message)
    {
    }

    public DomainRuleViolated(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "rule_violated";
        Status = StatusCodes.Status422UnprocessableEntity;
        Extensions = new Dictionary<string, object?>();
    }

    public string Code { get; }

    public int Status { get; }

    public IReadOnlyDictionary<string, object?> Extensions { get; }

    public static DomainRuleViolated Conflict(string code, string message, IReadOnlyDictionary<string, object?>? extensions = null) =>
        new(code, message, StatusCodes.Status409Conflict, extensions);

    /// <summary>
    /// 422 for a rule about one field of the body (a time outside the referral's life, a reason the
    /// state asks for): the <c>code</c> says which rule, and <c>errors</c> points at the field, as a
    /// field error would, so a form shows it beside the field.
    /// </summary>
    public static DomainRuleViolated OnField(string code, string field, string message) =>
        new(code, message, extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });

    /// <summary>422 for an id in the body that names nothing this service knows (a client, a need, a service), on its field.</summary>
    public static DomainRuleViolated UnknownReference(string code, string field, string message) => OnField(code, field, message);
}

internal sealed class DomainRuleExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not DomainRuleViolated violation)
        {
            return false;
        }

        httpContext.Response.StatusCode = violation.Status;
        var problem = StatusProblem.Document(violation.Status, violation.Message, violation.Code, violation.Extensions);
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }
}
