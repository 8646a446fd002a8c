# XML-RPC from Perl, as its users write it: XMLRPC::Lite's proxy and call, a result and a fault.
use strict;
use warnings;
use XMLRPC::Lite;

my $url = shift @ARGV;
my $sum = XMLRPC::Lite->proxy($url)->call('add', 2, 3);
print "add: ", ($sum->fault ? "fault " . $sum->faultstring : $sum->result), "\n";
my $echo = XMLRPC::Lite->proxy($url)->call('echo', { name => 'lab', ports => [7, 13] });
print "echo: ", join(",", map { "$_=" . (ref $echo->result->{$_} ? join("+", @{$echo->result->{$_}}) : $echo->result->{$_}) }
    sort keys %{$echo->result}), "\n";
my $fault = XMLRPC::Lite->proxy($url)->call('nope');
print "fault: ", $fault->faultcode, " ", $fault->faultstring, "\n";
