using Integration.ServiceDefaults;

namespace Integration.Platform.Tests;

public sealed class PageRequestTests
{
    [Fact]
    public void without_values_the_first_page_of_fifty_is_read()
    {
        var errors = new FieldErrors();

        var page = PageRequest.Parse(null, null, errors);

        Assert.False(errors.Any);
        Assert.Equal(new PageRequest(1, PageRequest.DefaultPageSize), page);
        Assert.Equal(0, page.Skip);
    }

    [Fact]
    public void later_pages_skip_the_earlier_ones()
    {
        Assert.Equal(400, PageRequest.Parse(3, 200, new FieldErrors()).Skip);
    }

    [Fact]
    public void the_last_page_of_the_largest_size_still_skips_a_whole_number_of_rows()
    {
        var errors = new FieldErrors();

        var page = PageRequest.Parse(PageRequest.MaxPage, PageRequest.MaxPageSize, errors);

        Assert.False(errors.Any);
        Assert.True(page.Skip > 0);
    }

    [Theory]
    [InlineData(0, 10, "page")]
    [InlineData(1, 0, "pageSize")]
    [InlineData(1, 201, "pageSize")]
    [InlineData(int.MaxValue, 10, "page")]
    [InlineData(PageRequest.MaxPage + 1, 200, "page")]
    public void out_of_range_values_are_field_errors(int page, int pageSize, string field)
    {
        var errors = new FieldErrors();

        PageRequest.Parse(page, pageSize, errors);

        Assert.Equal([field], errors.ToDictionary().Keys);
    }
}
