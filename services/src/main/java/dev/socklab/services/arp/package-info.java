/**
 * The address table behind the {@code arp} and {@code rarp} services: {@link
 * dev.socklab.services.arp.HardwareAddress} and the merged, self-reloading {@link
 * dev.socklab.services.arp.ArpTable}.
 */
package dev.socklab.services.arp;
