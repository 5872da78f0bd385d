/**
 * Shared pieces of topos's networks, written against DJL's engine-neutral API ({@code ai.djl.*}):
 * a named parameter container with seeded initialisation and a file format ({@link
 * dev.topos.nn.ParameterSet}), and the layers the models are built from.
 *
 * <p><b>Managers.</b> A model's parameters live in the model's {@code NDManager}; every forward
 * pass runs in a caller's scope manager. DJL attaches the result of an operation to the manager
 * of its first operand, so layers always put the activation first ({@code x.matMul(w)}, not
 * {@code w.matMul(x)}); where a result is computed from parameters or constants alone it is moved
 * into the scope at once with {@link dev.topos.nn.Scope#into}. Nothing a forward pass creates is
 * left in the model's manager.
 *
 * <p><b>Constants.</b> A multiplication by a number that a backward pass goes through uses {@link
 * dev.topos.nn.Scalars}, never DJL's {@code NDArray.mul(Number)}: DJL frees that number's memory when the
 * operation returns, and autograd reads it later.
 *
 * <p><b>Engine.</b> Tests and launchers run DJL's PyTorch engine offline
 * ({@code -Dai.djl.offline=true}) with the CPU natives from Maven Central; see topos-nn/pom.xml.
 */
package dev.topos.nn;
