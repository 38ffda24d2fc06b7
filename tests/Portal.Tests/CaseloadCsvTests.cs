using System.Globalization;
using Integration.Portal.Api;
using Integration.Portal.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Integration.Portal.Tests;

/// <summary>The caseload spreadsheet a coordinator downloads names its columns and dimensions in words; the cells stay as the API wrote them.</summary>
public sealed class CaseloadCsvTests
{
    private const string FromTheApi =
        "dimension,key,name,total,sent,in_contact,answered_accepted,acceptance_rate\r\n"
        + "all,,,4,2,0,1,0.5\r\n"
        + "organisation,5d1c,\"Casa, Aperta\",3,2,0,1,0.5\r\n"
        + "someday,x,,1,1,0,0,\r\n";

    [Theory]
    [InlineData("en-GB", "Counted by,Code,Name,Referrals,sent,in contact,Accepted (ever),Acceptance rate", "Organisation,5d1c,\"Casa, Aperta\",3")]
    [InlineData("it", "Conteggio per,Codice,Nome,Segnalazioni,inviata,in contatto,Accettate (in totale),Tasso di accettazione", "Ente,5d1c,\"Casa, Aperta\",3")]
    public void columns_and_dimensions_are_named_in_the_coordinators_language(string culture, string header, string organisationRow)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        using var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();

        var lines = Downloads.HeadersInWords(FromTheApi, services.GetRequiredService<IStringLocalizer<Strings>>()).Split("\r\n");

        Assert.Equal(header, lines[0]);
        Assert.StartsWith(organisationRow, lines[2], StringComparison.Ordinal);
        Assert.StartsWith("someday,x,", lines[3], StringComparison.Ordinal);
        Assert.EndsWith(",0.5", lines[1], StringComparison.Ordinal);
    }
}
