package org.mailgate.dns;

import org.mailgate.api.metrics.MailMetrics;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.SetResponse;

/**
 * dnsjava's cache, counting each time a lookup asks it for a name: a hit when it holds the answer (records,
 * or a cached NXDOMAIN or NODATA), a miss when a server must be asked. A name reached through a CNAME is
 * asked for too, so a lookup may count more than once.
 */
final class CountingCache extends Cache {

    private final MailMetrics metrics;

    CountingCache(MailMetrics metrics) {
        super(DClass.IN);
        this.metrics = metrics;
    }

    @Override
    public SetResponse lookupRecords(Name name, int type, int minCred) {
        SetResponse response = super.lookupRecords(name, type, minCred);
        metrics.dnsCache(response.isSuccessful() || response.isNXDOMAIN() || response.isNXRRSET());
        return response;
    }
}
