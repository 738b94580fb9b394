// Package demo is sfsync's built-in Demo org, the same for the window and
// the command line: the Salesforce simulator (core/sfsim) seeded with a
// realistic small company (Seed: 65,200 records), served on 127.0.0.1 inside
// the sfsync process, signed in to through the same browser OAuth flow as a
// real org (consumer key ClientID, a loopback callback port registered when
// it starts).
//
// Its one lifecycle: Start it when the person asks for it; Stop it when the
// app or command ends, and End the source then (core/app does), so the
// source shows Not connected with EndedDetail and the synced records stay;
// End at start-up too, for a Demo org a killed process left behind, before
// any sync tries its dead address.
//
// It owns the Demo org's size, registration and lifecycle; it must not
// change the simulator's behaviour, which stays faithful to Salesforce.
package demo
