using Integration.ServiceDefaults;
using JasperFx.MultiTenancy;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Integration.Eventing;

/// <summary>
/// 404 for a request that names a tenant the store has no database for. Only a public request can (a token's tenants were checked
/// when it was validated): the HSDS directory's <c>?tenant=</c>, whose session is opened before <see cref="PublicTenants.RequireKnownTenant"/>
/// looks at it, and which finds no database to open where each tenant has its own. The answer is the filter's: nobody publishes that.
/// </summary>
internal sealed class UnknownTenantExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not UnknownTenantIdException)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status404NotFound;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = PublicTenants.Unknown,
                Extensions = { ["code"] = ProblemCodes.NotFound },
            },
        });
    }
}
